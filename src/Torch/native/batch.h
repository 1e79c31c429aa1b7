// A validated ragged batch, right-padded into [count, longest] for the model.
#pragma once
#include <torch/torch.h>

#include <vector>

#include "rlvr_torch.h"

namespace rlvr {

struct PaddedBatch {
    int64_t count = 0;
    int64_t longest = 0;
    int64_t total_tokens = 0;
    std::vector<int64_t> lengths;
    std::vector<int64_t> offsets;
    torch::Tensor tokens;  // [count, longest] int64, padding 0
    torch::Tensor valid;   // [count, longest] float, 1 on real tokens

    // Checks shapes and ids (messages name the field) and pads. context bounds each sequence's length.
    static PaddedBatch from(const rlvr_batch* batch, const rlvr_config& config, torch::Device device);

    // A per-token array laid out like the batch's tokens, padded like them.
    torch::Tensor pad(const float* flat, torch::Device device) const;
    torch::Tensor pad(const uint8_t* flat, torch::Device device) const;
    // The inverse of pad: writes the real entries of [count, longest] back to a flat array.
    void unpad(const torch::Tensor& padded, float* flat) const;
};

}  // namespace rlvr
