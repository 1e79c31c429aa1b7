// A decoder-only transformer: pre-LayerNorm blocks, rotary positions, attention written out by hand
// (libtorch 1.13 has no scaled_dot_product_attention), embeddings tied to the output head.
#pragma once
#include <torch/torch.h>

#include <vector>

#include "rlvr_torch.h"

namespace rlvr {

// Keys and values of every layer for the positions already seen: [batch, heads, capacity, head_dim].
struct KvCache {
    std::vector<torch::Tensor> keys;
    std::vector<torch::Tensor> values;
    int64_t length = 0;

    void repeat_rows(int64_t times);
};

class Gpt : public torch::nn::Module {
public:
    Gpt(const rlvr_config& config, at::Generator& generator);

    const rlvr_config& config() const { return config_; }

    // tokens and positions [batch, time]; bias [batch or 1, 1, time, keys] is added to the attention scores.
    // With a cache the new keys are appended after cache->length and attention covers all cached keys.
    // Returns the final hidden states [batch, time, width] (after the last LayerNorm).
    torch::Tensor hidden(const torch::Tensor& tokens, const torch::Tensor& positions, const torch::Tensor& bias,
                         KvCache* cache);
    torch::Tensor logits(const torch::Tensor& hidden) const;

    KvCache empty_cache(int64_t batch, int64_t capacity) const;
    void copy_weights_from(const Gpt& other);

private:
    struct Block {
        torch::Tensor ln1_w, ln1_b, qkv_w, qkv_b, proj_w, proj_b, ln2_w, ln2_b, fc_w, fc_b, out_w, out_b;
    };

    torch::Tensor attention(const Block& block, const torch::Tensor& x, const torch::Tensor& cos,
                            const torch::Tensor& sin, const torch::Tensor& bias, KvCache* cache, size_t layer) const;

    rlvr_config config_;
    torch::Tensor embedding_, lnf_w_, lnf_b_;
    std::vector<Block> blocks_;
    torch::Tensor rope_cos_, rope_sin_;  // [context, head_dim / 2], buffers
};

// The additive attention bias of a batch whose first pad[i] slots of row i are padding: causal, and no
// attention to padding keys. pad null = no padding.
torch::Tensor causal_bias(int64_t time, const torch::Tensor& pad, torch::Device device);

}  // namespace rlvr
