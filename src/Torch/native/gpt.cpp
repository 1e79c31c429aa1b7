#include "gpt.h"

#include <cmath>

namespace rlvr {

namespace {

constexpr double kInitStd = 0.02;
constexpr float kMasked = -1e9f;  // finite, so a row with every key masked stays NaN-free

torch::Tensor normal(at::Generator& generator, std::vector<int64_t> shape, double std) {
    return torch::randn(shape, generator, torch::kFloat32) * std;
}

torch::Tensor rotate(const torch::Tensor& x, const torch::Tensor& cos, const torch::Tensor& sin) {
    auto halves = x.chunk(2, -1);
    const auto& a = halves[0];
    const auto& b = halves[1];
    return torch::cat({a * cos - b * sin, a * sin + b * cos}, -1);
}

}  // namespace

void KvCache::repeat_rows(int64_t times) {
    for (auto& k : keys) k = k.repeat_interleave(times, 0);
    for (auto& v : values) v = v.repeat_interleave(times, 0);
}

Gpt::Gpt(const rlvr_config& config, at::Generator& generator) : config_(config) {
    const int64_t d = config.width;
    const double residual_std = kInitStd / std::sqrt(2.0 * config.layers);
    embedding_ = register_parameter("embedding", normal(generator, {config.vocab_size, d}, kInitStd));
    for (int32_t i = 0; i < config.layers; ++i) {
        const auto p = "block" + std::to_string(i) + "_";
        Block b;
        b.ln1_w = register_parameter(p + "ln1_w", torch::ones({d}));
        b.ln1_b = register_parameter(p + "ln1_b", torch::zeros({d}));
        b.qkv_w = register_parameter(p + "qkv_w", normal(generator, {3 * d, d}, kInitStd));
        b.qkv_b = register_parameter(p + "qkv_b", torch::zeros({3 * d}));
        b.proj_w = register_parameter(p + "proj_w", normal(generator, {d, d}, residual_std));
        b.proj_b = register_parameter(p + "proj_b", torch::zeros({d}));
        b.ln2_w = register_parameter(p + "ln2_w", torch::ones({d}));
        b.ln2_b = register_parameter(p + "ln2_b", torch::zeros({d}));
        b.fc_w = register_parameter(p + "fc_w", normal(generator, {4 * d, d}, kInitStd));
        b.fc_b = register_parameter(p + "fc_b", torch::zeros({4 * d}));
        b.out_w = register_parameter(p + "out_w", normal(generator, {d, 4 * d}, residual_std));
        b.out_b = register_parameter(p + "out_b", torch::zeros({d}));
        blocks_.push_back(b);
    }
    lnf_w_ = register_parameter("lnf_w", torch::ones({d}));
    lnf_b_ = register_parameter("lnf_b", torch::zeros({d}));

    const int64_t half = d / config.heads / 2;
    auto inv_freq = torch::pow(10000.0, -torch::arange(half, torch::kFloat64) / static_cast<double>(half));
    auto angles = torch::outer(torch::arange(config.context_length, torch::kFloat64), inv_freq);
    rope_cos_ = register_buffer("rope_cos", angles.cos().to(torch::kFloat32));
    rope_sin_ = register_buffer("rope_sin", angles.sin().to(torch::kFloat32));
}

torch::Tensor Gpt::hidden(const torch::Tensor& tokens, const torch::Tensor& positions, const torch::Tensor& bias,
                          KvCache* cache) {
    auto x = torch::embedding(embedding_, tokens);
    auto cos = rope_cos_.index({positions}).unsqueeze(1);
    auto sin = rope_sin_.index({positions}).unsqueeze(1);
    for (size_t i = 0; i < blocks_.size(); ++i) {
        const auto& b = blocks_[i];
        const std::vector<int64_t> shape{config_.width};
        x = x + attention(b, torch::layer_norm(x, shape, b.ln1_w, b.ln1_b), cos, sin, bias, cache, i);
        auto h = torch::gelu(torch::linear(torch::layer_norm(x, shape, b.ln2_w, b.ln2_b), b.fc_w, b.fc_b));
        x = x + torch::linear(h, b.out_w, b.out_b);
    }
    if (cache != nullptr) cache->length += tokens.size(1);
    return torch::layer_norm(x, {config_.width}, lnf_w_, lnf_b_);
}

torch::Tensor Gpt::attention(const Block& b, const torch::Tensor& x, const torch::Tensor& cos,
                             const torch::Tensor& sin, const torch::Tensor& bias, KvCache* cache,
                             size_t layer) const {
    const int64_t batch = x.size(0), time = x.size(1), heads = config_.heads;
    const int64_t head_dim = config_.width / heads;
    auto qkv = torch::linear(x, b.qkv_w, b.qkv_b).view({batch, time, 3, heads, head_dim}).permute({2, 0, 3, 1, 4});
    auto q = rotate(qkv[0], cos, sin);
    auto k = rotate(qkv[1], cos, sin);
    auto v = qkv[2];
    if (cache != nullptr) {
        const int64_t start = cache->length;
        cache->keys[layer].narrow(2, start, time).copy_(k);
        cache->values[layer].narrow(2, start, time).copy_(v);
        k = cache->keys[layer].narrow(2, 0, start + time);
        v = cache->values[layer].narrow(2, 0, start + time);
    }
    auto scores = torch::matmul(q, k.transpose(-2, -1)) * (1.0 / std::sqrt(static_cast<double>(head_dim)));
    auto weights = torch::softmax(scores + bias, -1);
    auto out = torch::matmul(weights, v).transpose(1, 2).reshape({batch, time, config_.width});
    return torch::linear(out, b.proj_w, b.proj_b);
}

torch::Tensor Gpt::logits(const torch::Tensor& hidden) const { return torch::matmul(hidden, embedding_.t()); }

KvCache Gpt::empty_cache(int64_t batch, int64_t capacity) const {
    KvCache cache;
    const auto options = embedding_.options().requires_grad(false);
    const int64_t head_dim = config_.width / config_.heads;
    for (int32_t i = 0; i < config_.layers; ++i) {
        cache.keys.push_back(torch::zeros({batch, config_.heads, capacity, head_dim}, options));
        cache.values.push_back(torch::zeros({batch, config_.heads, capacity, head_dim}, options));
    }
    return cache;
}

void Gpt::copy_weights_from(const Gpt& other) {
    torch::NoGradGuard no_grad;
    auto mine = parameters();
    auto theirs = other.parameters();
    for (size_t i = 0; i < mine.size(); ++i) mine[i].copy_(theirs[i]);
}

torch::Tensor causal_bias(int64_t time, const torch::Tensor& pad, torch::Device device) {
    auto slots = torch::arange(time, torch::TensorOptions().dtype(torch::kLong).device(device));
    auto blocked = slots.unsqueeze(0) > slots.unsqueeze(1);  // [query, key]: key after query
    blocked = blocked.unsqueeze(0).unsqueeze(0);
    if (pad.defined()) blocked = blocked | (slots.view({1, 1, 1, time}) < pad.view({-1, 1, 1, 1}));
    return torch::zeros(blocked.sizes(), torch::TensorOptions().device(device)).masked_fill(blocked, kMasked);
}

}  // namespace rlvr
