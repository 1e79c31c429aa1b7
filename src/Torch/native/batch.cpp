#include "batch.h"

#include <stdexcept>
#include <string>

namespace rlvr {

PaddedBatch PaddedBatch::from(const rlvr_batch* batch, const rlvr_config& config, torch::Device device) {
    if (batch == nullptr || batch->tokens == nullptr || batch->lengths == nullptr)
        throw std::invalid_argument("batch: tokens and lengths are required");
    if (batch->count <= 0) throw std::invalid_argument("batch: count must be positive, got " + std::to_string(batch->count));
    PaddedBatch result;
    result.count = batch->count;
    for (int32_t i = 0; i < batch->count; ++i) {
        const int64_t length = batch->lengths[i];
        if (length <= 0 || length > config.context_length)
            throw std::invalid_argument("batch: lengths[" + std::to_string(i) + "] = " + std::to_string(length) +
                                        " is outside [1, context length " + std::to_string(config.context_length) + "]");
        result.lengths.push_back(length);
        result.offsets.push_back(result.total_tokens);
        result.total_tokens += length;
        result.longest = std::max(result.longest, length);
    }
    auto tokens = torch::zeros({result.count, result.longest}, torch::kLong);
    auto valid = torch::zeros({result.count, result.longest}, torch::kFloat32);
    auto t = tokens.accessor<int64_t, 2>();
    auto v = valid.accessor<float, 2>();
    for (int64_t i = 0; i < result.count; ++i) {
        for (int64_t j = 0; j < result.lengths[i]; ++j) {
            const int64_t flat = result.offsets[i] + j;
            const int32_t id = batch->tokens[flat];
            if (id < 0 || id >= config.vocab_size)
                throw std::invalid_argument("batch: token id " + std::to_string(id) + " at tokens[" + std::to_string(flat) +
                                            "] is outside the vocabulary [0, " + std::to_string(config.vocab_size) + ")");
            t[i][j] = id;
            v[i][j] = 1.0f;
        }
    }
    result.tokens = tokens.to(device);
    result.valid = valid.to(device);
    return result;
}

torch::Tensor PaddedBatch::pad(const float* flat, torch::Device device) const {
    auto padded = torch::zeros({count, longest}, torch::kFloat32);
    auto p = padded.accessor<float, 2>();
    for (int64_t i = 0; i < count; ++i)
        for (int64_t j = 0; j < lengths[i]; ++j) p[i][j] = flat[offsets[i] + j];
    return padded.to(device);
}

torch::Tensor PaddedBatch::pad(const uint8_t* flat, torch::Device device) const {
    auto padded = torch::zeros({count, longest}, torch::kFloat32);
    auto p = padded.accessor<float, 2>();
    for (int64_t i = 0; i < count; ++i)
        for (int64_t j = 0; j < lengths[i]; ++j) p[i][j] = flat[offsets[i] + j] != 0 ? 1.0f : 0.0f;
    return padded.to(device);
}

void PaddedBatch::unpad(const torch::Tensor& padded, float* flat) const {
    auto cpu = padded.to(torch::kCPU, torch::kFloat32).contiguous();
    auto p = cpu.accessor<float, 2>();
    for (int64_t i = 0; i < count; ++i)
        for (int64_t j = 0; j < lengths[i]; ++j) flat[offsets[i] + j] = p[i][j];
}

}  // namespace rlvr
