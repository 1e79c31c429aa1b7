#include "policy.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/cuda.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace rlvr {

namespace {

constexpr double kAdamBeta1 = 0.9;
constexpr double kAdamBeta2 = 0.95;
constexpr double kLogRatioBound = 20.0;
constexpr double kKlBound = 10.0;

std::string describe(const rlvr_config& c) {
    return "vocab " + std::to_string(c.vocab_size) + ", width " + std::to_string(c.width) + ", layers " +
           std::to_string(c.layers) + ", heads " + std::to_string(c.heads) + ", context " +
           std::to_string(c.context_length);
}

void validate(const rlvr_config& c) {
    auto require = [&](bool ok, const std::string& what) {
        if (!ok) throw std::invalid_argument("config (" + describe(c) + "): " + what);
    };
    require(c.vocab_size > 0, "vocab_size must be positive");
    require(c.width > 0, "width must be positive");
    require(c.layers > 0, "layers must be positive");
    require(c.heads > 0, "heads must be positive");
    require(c.context_length > 0, "context_length must be positive");
    require(c.width % c.heads == 0, "width must be divisible by heads");
    require((c.width / c.heads) % 2 == 0, "width / heads must be even (rotary embeddings rotate pairs)");
}

torch::Device parse_device(const std::string& name) {
    torch::Device device(name);
    if (device.is_cuda()) {
        if (!torch::cuda::is_available())
            throw std::invalid_argument("device '" + name + "': CUDA is not available (this shim's libtorch is CPU-only or no GPU is visible)");
        const int64_t index = device.has_index() ? device.index() : 0;
        if (index >= static_cast<int64_t>(torch::cuda::device_count()))
            throw std::invalid_argument("device '" + name + "': only " + std::to_string(torch::cuda::device_count()) + " CUDA devices");
    } else if (!device.is_cpu()) {
        throw std::invalid_argument("device '" + name + "': only cpu and cuda:N are supported");
    }
    return device;
}

torch::Tensor config_tensor(const rlvr_config& c) {
    return torch::tensor(std::vector<int64_t>{c.vocab_size, c.width, c.layers, c.heads, c.context_length});
}

void check_config(torch::serialize::InputArchive& archive, const rlvr_config& config) {
    torch::Tensor saved;
    if (!archive.try_read("config", saved, true)) throw std::invalid_argument("checkpoint: no config entry");
    if (!torch::equal(saved.to(torch::kCPU), config_tensor(config))) {
        auto s = saved.to(torch::kCPU);
        rlvr_config other{static_cast<int32_t>(s[0].item<int64_t>()), static_cast<int32_t>(s[1].item<int64_t>()),
                          static_cast<int32_t>(s[2].item<int64_t>()), static_cast<int32_t>(s[3].item<int64_t>()),
                          static_cast<int32_t>(s[4].item<int64_t>())};
        throw std::invalid_argument("checkpoint: its config (" + describe(other) + ") differs from the policy's (" +
                                    describe(config) + ")");
    }
}

torch::serialize::OutputArchive write_parameters(const Gpt& model) {
    torch::serialize::OutputArchive archive;
    for (const auto& p : model.named_parameters()) archive.write(p.key(), p.value().detach());
    return archive;
}

// Reads and checks every parameter before the policy changes, so a bad checkpoint leaves it untouched.
std::vector<torch::Tensor> read_parameters(torch::serialize::InputArchive& archive, const Gpt& model) {
    std::vector<torch::Tensor> result;
    for (const auto& p : model.named_parameters()) {
        torch::Tensor saved;
        if (!archive.try_read(p.key(), saved)) throw std::invalid_argument("checkpoint: parameter '" + p.key() + "' missing");
        if (saved.sizes() != p.value().sizes())
            throw std::invalid_argument("checkpoint: parameter '" + p.key() + "' has the wrong shape");
        result.push_back(saved);
    }
    return result;
}

void assign_parameters(Gpt& model, const std::vector<torch::Tensor>& values) {
    torch::NoGradGuard no_grad;
    auto parameters = model.parameters();
    for (size_t i = 0; i < parameters.size(); ++i) parameters[i].copy_(values[i]);
}

torch::serialize::InputArchive open_archive(const uint8_t* data, int64_t size, torch::Device device) {
    if (data == nullptr || size <= 0) throw std::invalid_argument("checkpoint: empty buffer");
    std::istringstream stream(std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(size)));
    torch::serialize::InputArchive archive;
    archive.load_from(stream, device);
    return archive;
}

std::string to_bytes(torch::serialize::OutputArchive& archive) {
    std::ostringstream stream;
    archive.save_to(stream);
    return stream.str();
}

torch::Tensor masked_mean(const torch::Tensor& values, const torch::Tensor& mask) {
    return (values * mask).sum() / mask.sum().clamp_min(1.0);
}

// docs/algorithms.md, GRPO; mode 2 follows verl: each sequence's token sum / the constant, then the mean.
torch::Tensor aggregate(const torch::Tensor& loss, const torch::Tensor& mask, int32_t mode, double norm) {
    switch (mode) {
        case 0:
            return masked_mean(loss, mask);
        case 1:
            return ((loss * mask).sum(1) / mask.sum(1).clamp_min(1.0)).mean();
        case 2:
            return ((loss * mask).sum(1) / norm).mean();
        default:
            throw std::invalid_argument("grpo options: loss_aggregation must be 0, 1 or 2, got " + std::to_string(mode));
    }
}

}  // namespace

Policy::Policy(const rlvr_config& config, const std::string& device, uint64_t seed)
    : config_(config), device_(torch::kCPU), generator_(at::make_generator<at::CPUGeneratorImpl>(seed)) {
    validate(config);
    device_ = parse_device(device);
    model_ = std::make_shared<Gpt>(config, generator_);
    auto throwaway = at::make_generator<at::CPUGeneratorImpl>(0);
    reference_ = std::make_shared<Gpt>(config, throwaway);
    model_->to(device_);
    reference_->to(device_);
    snapshot_reference();
    for (auto& p : reference_->parameters()) p.set_requires_grad(false);
    optimizer_ = std::make_unique<torch::optim::AdamW>(
        model_->parameters(), torch::optim::AdamWOptions(1e-3).betas({kAdamBeta1, kAdamBeta2}).weight_decay(0.0));
}

int64_t Policy::parameter_count() const {
    int64_t count = 0;
    for (const auto& p : model_->parameters()) count += p.numel();
    return count;
}

void Policy::snapshot_reference() { reference_->copy_weights_from(*model_); }

torch::Tensor Policy::token_logprobs(Gpt& model, const torch::Tensor& tokens, float temperature,
                                     torch::Tensor* entropy, bool entropy_in_loss) const {
    const int64_t count = tokens.size(0), time = tokens.size(1);
    auto zeros = torch::zeros({count, 1}, tokens.options().dtype(torch::kFloat32));
    if (time == 1) {
        if (entropy != nullptr) *entropy = zeros;
        return zeros;
    }
    auto positions = torch::arange(time, tokens.options()).unsqueeze(0).expand({count, time});
    auto hidden = model.hidden(tokens, positions, causal_bias(time, torch::Tensor(), tokens.device()), nullptr);
    auto logits = model.logits(hidden.narrow(1, 0, time - 1));
    if (temperature != 1.0f) logits = logits / temperature;
    auto log_probs = torch::log_softmax(logits, -1);
    auto picked = log_probs.gather(-1, tokens.narrow(1, 1, time - 1).unsqueeze(-1)).squeeze(-1);
    if (entropy != nullptr) {
        // Outside the loss (coefficient 0) the entropy is a metric: no graph for it.
        std::optional<torch::NoGradGuard> no_grad;
        if (!entropy_in_loss) no_grad.emplace();
        *entropy = torch::cat({zeros, -(log_probs.exp() * log_probs).sum(-1)}, 1);
    }
    return torch::cat({zeros, picked}, 1);
}

void Policy::sample(const rlvr_batch* prompts, const rlvr_sample_options& o, int32_t* out_tokens,
                    float* out_logprobs, int32_t* out_lengths) {
    if (o.completions_per_prompt <= 0) throw std::invalid_argument("sample options: completions_per_prompt must be positive");
    if (o.max_new_tokens <= 0) throw std::invalid_argument("sample options: max_new_tokens must be positive");
    if (!(o.top_p > 0.0f && o.top_p <= 1.0f)) throw std::invalid_argument("sample options: top_p must be in (0, 1]");
    if (!(o.temperature >= 0.0f)) throw std::invalid_argument("sample options: temperature must be >= 0");
    if (o.stop_token >= config_.vocab_size) throw std::invalid_argument("sample options: stop_token is outside the vocabulary");
    const auto batch = PaddedBatch::from(prompts, config_, torch::kCPU);
    const int64_t prompt_slots = batch.longest, group = o.completions_per_prompt;
    const int64_t rows = batch.count * group, steps = o.max_new_tokens;
    if (prompt_slots + steps > config_.context_length)
        throw std::invalid_argument("sample: longest prompt (" + std::to_string(prompt_slots) + ") + max_new_tokens (" +
                                    std::to_string(steps) + ") exceeds the context length " +
                                    std::to_string(config_.context_length));
    torch::NoGradGuard no_grad;
    auto generator = at::make_generator<at::CPUGeneratorImpl>(o.seed);
    std::vector<at::Generator> prompt_streams;
    if (o.prompt_seeds != nullptr)
        for (int64_t i = 0; i < batch.count; ++i)
            prompt_streams.push_back(at::make_generator<at::CPUGeneratorImpl>(o.prompt_seeds[i]));
    auto uniforms = [&]() {
        if (prompt_streams.empty()) return torch::rand({rows, 1}, generator, torch::kFloat32);
        std::vector<torch::Tensor> parts;
        parts.reserve(prompt_streams.size());
        for (auto& stream : prompt_streams) parts.push_back(torch::rand({group, 1}, stream, torch::kFloat32));
        return torch::cat(parts, 0);
    };
    const auto long_options = torch::TensorOptions().dtype(torch::kLong).device(device_);

    // Prompts are left-padded so that every row's next token goes to the same slot.
    std::vector<int64_t> pad_cpu(batch.count);
    auto left = torch::zeros({batch.count, prompt_slots}, torch::kLong);
    for (int64_t i = 0; i < batch.count; ++i) {
        pad_cpu[i] = prompt_slots - batch.lengths[i];
        left[i].narrow(0, pad_cpu[i], batch.lengths[i]).copy_(batch.tokens[i].narrow(0, 0, batch.lengths[i]));
    }
    auto pad = torch::tensor(pad_cpu, torch::kLong).to(device_);
    auto row_pad = pad.repeat_interleave(group);
    auto positions_of = [&](const torch::Tensor& row_pads, int64_t first, int64_t time) {
        return (torch::arange(first, first + time, long_options).unsqueeze(0) - row_pads.unsqueeze(1)).clamp_min(0);
    };

    torch::Tensor last_logits, sequence;
    KvCache cache;
    if (o.use_kv_cache != 0) {
        cache = model_->empty_cache(batch.count, prompt_slots + steps);
        auto tokens = left.to(device_);
        auto hidden = model_->hidden(tokens, positions_of(pad, 0, prompt_slots), causal_bias(prompt_slots, pad, device_), &cache);
        cache.repeat_rows(group);
        last_logits = model_->logits(hidden.select(1, prompt_slots - 1)).repeat_interleave(group, 0);
    } else {
        sequence = left.to(device_).repeat_interleave(group, 0);
    }

    std::vector<torch::Tensor> chosen, chosen_logprobs;
    auto finished = torch::zeros({rows}, torch::TensorOptions().dtype(torch::kBool).device(device_));
    for (int64_t step = 0; step < steps; ++step) {
        if (o.use_kv_cache == 0) {
            const int64_t time = sequence.size(1);
            auto hidden = model_->hidden(sequence, positions_of(row_pad, 0, time), causal_bias(time, row_pad, device_), nullptr);
            last_logits = model_->logits(hidden.select(1, time - 1));
        }
        torch::Tensor token, log_probs;
        if (o.temperature == 0.0f) {
            log_probs = torch::log_softmax(last_logits, -1);
            token = last_logits.argmax(-1);
        } else {
            log_probs = torch::log_softmax(last_logits / o.temperature, -1);
            auto probs = log_probs.exp();
            if (o.top_p < 1.0f) {
                auto sorted = probs.sort(-1, true);
                auto sorted_probs = std::get<0>(sorted);
                auto outside = (sorted_probs.cumsum(-1) - sorted_probs) > o.top_p;
                probs = torch::zeros_like(probs).scatter(-1, std::get<1>(sorted), sorted_probs.masked_fill(outside, 0.0));
            }
            // Inverse-CDF draws from uniforms of a CPU generator: the same samples on every device.
            auto cdf = probs.cumsum(-1);
            auto uniform = uniforms().to(device_) * cdf.select(-1, -1).unsqueeze(1);
            token = (cdf <= uniform).sum(-1).clamp_max(config_.vocab_size - 1);
        }
        chosen.push_back(token);
        chosen_logprobs.push_back(log_probs.gather(-1, token.unsqueeze(1)).squeeze(1));
        if (o.stop_token >= 0) {
            finished = finished | token.eq(o.stop_token);
            if (finished.all().item<bool>()) break;
        }
        if (step + 1 == steps) break;
        auto next = token.unsqueeze(1);
        if (o.use_kv_cache != 0) {
            const int64_t slot = prompt_slots + step;
            auto bias = causal_bias(slot + 1, row_pad, device_).narrow(2, slot, 1);
            auto hidden = model_->hidden(next, positions_of(row_pad, slot, 1), bias, &cache);
            last_logits = model_->logits(hidden.select(1, 0));
        } else {
            sequence = torch::cat({sequence, next}, 1);
        }
    }

    auto tokens = torch::stack(chosen, 1).to(torch::kCPU).to(torch::kInt32).contiguous();
    auto log_probs = torch::stack(chosen_logprobs, 1).to(torch::kCPU).contiguous();
    const int64_t produced = tokens.size(1);
    auto t = tokens.accessor<int32_t, 2>();
    auto l = log_probs.accessor<float, 2>();
    std::fill(out_tokens, out_tokens + rows * steps, 0);
    std::fill(out_logprobs, out_logprobs + rows * steps, 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
        int64_t length = 0;
        while (length < produced) {
            out_tokens[r * steps + length] = t[r][length];
            out_logprobs[r * steps + length] = l[r][length];
            if (t[r][length++] == o.stop_token) break;
        }
        out_lengths[r] = static_cast<int32_t>(length);
    }
}

void Policy::logprobs(const rlvr_batch* batch, float temperature, bool use_reference, float* out) {
    if (!(temperature > 0.0f)) throw std::invalid_argument("logprobs: temperature must be positive");
    const auto padded = PaddedBatch::from(batch, config_, device_);
    torch::NoGradGuard no_grad;
    padded.unpad(token_logprobs(use_reference ? *reference_ : *model_, padded.tokens, temperature, nullptr), out);
}

rlvr_grpo_stats Policy::grpo_step(const rlvr_batch* batch, const uint8_t* response_mask, const float* advantages,
                                  const float* old_logprobs, const float* behavior_logprobs,
                                  const rlvr_grpo_options& o) {
    if (response_mask == nullptr || advantages == nullptr)
        throw std::invalid_argument("grpo: response_mask and advantages are required");
    if (o.mini_batches <= 0) throw std::invalid_argument("grpo options: mini_batches must be positive");
    if (!(o.temperature > 0.0f)) throw std::invalid_argument("grpo options: temperature must be positive");
    if (!(o.clip_low >= 0.0f && o.clip_low < 1.0f && o.clip_high >= 0.0f))
        throw std::invalid_argument("grpo options: clip_low must be in [0, 1) and clip_high >= 0");
    const auto padded = PaddedBatch::from(batch, config_, device_);
    auto mask = padded.pad(response_mask, device_);
    mask.select(1, 0).zero_();  // the first token has no prediction
    if (mask.sum().item<float>() == 0.0f) throw std::invalid_argument("grpo: response_mask selects no token after the first");
    auto advantage = torch::from_blob(const_cast<float*>(advantages), {padded.count}, torch::kFloat32).clone().to(device_);
    const double norm = o.token_sum_norm > 0.0f ? o.token_sum_norm : mask.sum(1).max().item<double>();

    // With one mini-batch the update differentiates the old policy itself: its log-probs are the update's own
    // forward pass, detached, and need no forward of their own.
    const int64_t mini_batches = std::min<int64_t>(o.mini_batches, padded.count);
    torch::Tensor old, behavior, reference;
    {
        torch::NoGradGuard no_grad;
        if (old_logprobs != nullptr)
            old = padded.pad(old_logprobs, device_);
        else if (mini_batches > 1)
            old = token_logprobs(*model_, padded.tokens, o.temperature, nullptr);
        if (behavior_logprobs != nullptr) behavior = padded.pad(behavior_logprobs, device_);
        if (o.kl_coef != 0.0f) reference = token_logprobs(*reference_, padded.tokens, o.temperature, nullptr);
    }

    auto generator = at::make_generator<at::CPUGeneratorImpl>(o.shuffle_seed);
    auto order = torch::randperm(padded.count, generator, torch::kLong).to(device_);
    const auto parts = order.chunk(mini_batches);
    rlvr_grpo_stats stats{0, 0, 0, 0, 0};
    for (const auto& rows : parts) {
        auto m = mask.index_select(0, rows);
        auto a = advantage.index_select(0, rows).unsqueeze(1);
        torch::Tensor entropy;
        auto logp = token_logprobs(*model_, padded.tokens.index_select(0, rows), o.temperature, &entropy,
                                   o.entropy_coef != 0.0f);
        auto old_part = old.defined() ? old.index_select(0, rows) : logp.detach();
        torch::Tensor ratio, clipped;
        if (behavior.defined()) {
            auto mu = behavior.index_select(0, rows);
            ratio = (logp - mu).clamp(-kLogRatioBound, kLogRatioBound).exp();
            auto ratio_old = (old_part - mu).clamp(-kLogRatioBound, kLogRatioBound).exp();
            clipped = torch::max(torch::min(ratio, ratio_old * (1.0 + o.clip_high)), ratio_old * (1.0 - o.clip_low));
        } else {
            ratio = (logp - old_part).clamp(-kLogRatioBound, kLogRatioBound).exp();
            clipped = ratio.clamp(1.0 - o.clip_low, 1.0 + o.clip_high);
        }
        auto unclipped_loss = -a * ratio;
        auto clipped_loss = -a * clipped;
        auto token_loss = torch::max(unclipped_loss, clipped_loss);
        if (o.dual_clip > 1.0f) token_loss = torch::where(a < 0, torch::min(token_loss, -a * o.dual_clip), token_loss);
        torch::Tensor kl;
        if (reference.defined()) {
            auto x = (reference.index_select(0, rows) - logp).clamp(-kLogRatioBound, kLogRatioBound);
            kl = (x.exp() - x - 1.0).clamp(-kKlBound, kKlBound);
            token_loss = token_loss + o.kl_coef * kl;
        }
        if (o.entropy_coef != 0.0f) token_loss = token_loss - o.entropy_coef * entropy;
        auto loss = aggregate(token_loss, m, o.loss_aggregation, norm);
        float grad_norm = 0.0f;
        optimizer_step(loss, o.optimizer, &grad_norm);

        torch::NoGradGuard no_grad;
        stats.loss += loss.item<float>();
        stats.clip_fraction += masked_mean((clipped_loss > unclipped_loss).to(torch::kFloat32), m).item<float>();
        stats.entropy += masked_mean(entropy, m).item<float>();
        if (kl.defined()) stats.kl += masked_mean(kl, m).item<float>();
        stats.grad_norm += grad_norm;
    }
    const auto n = static_cast<float>(parts.size());
    return rlvr_grpo_stats{stats.loss / n, stats.kl / n, stats.clip_fraction / n, stats.entropy / n, stats.grad_norm / n};
}

float Policy::supervised_step(const rlvr_batch* batch, const uint8_t* target_mask, const rlvr_optimizer_options& options) {
    if (target_mask == nullptr) throw std::invalid_argument("supervised: target_mask is required");
    const auto padded = PaddedBatch::from(batch, config_, device_);
    auto mask = padded.pad(target_mask, device_);
    mask.select(1, 0).zero_();
    if (mask.sum().item<float>() == 0.0f) throw std::invalid_argument("supervised: target_mask selects no token after the first");
    auto loss = -masked_mean(token_logprobs(*model_, padded.tokens, 1.0f, nullptr), mask);
    float grad_norm = 0.0f;
    optimizer_step(loss, options, &grad_norm);
    return loss.item<float>();
}

void Policy::optimizer_step(const torch::Tensor& loss, const rlvr_optimizer_options& options, float* grad_norm) {
    if (!(options.learning_rate > 0.0)) throw std::invalid_argument("optimizer options: learning_rate must be positive");
    if (!(options.weight_decay >= 0.0)) throw std::invalid_argument("optimizer options: weight_decay must be >= 0");
    for (auto& group : optimizer_->param_groups()) {
        auto& adamw = static_cast<torch::optim::AdamWOptions&>(group.options());
        adamw.lr(options.learning_rate).weight_decay(options.weight_decay);
    }
    optimizer_->zero_grad();
    loss.backward();
    const double max_norm = options.max_grad_norm > 0.0 ? options.max_grad_norm : std::numeric_limits<double>::infinity();
    *grad_norm = static_cast<float>(torch::nn::utils::clip_grad_norm_(model_->parameters(), max_norm));
    optimizer_->step();
}

void Policy::embed(const rlvr_batch* batch, float* out) {
    const auto padded = PaddedBatch::from(batch, config_, device_);
    torch::NoGradGuard no_grad;
    const int64_t time = padded.longest;
    auto positions = torch::arange(time, padded.tokens.options()).unsqueeze(0).expand({padded.count, time});
    auto hidden = model_->hidden(padded.tokens, positions, causal_bias(time, torch::Tensor(), device_), nullptr);
    auto valid = padded.valid.unsqueeze(-1);
    auto mean = ((hidden * valid).sum(1) / valid.sum(1)).to(torch::kCPU).contiguous();
    std::copy(mean.data_ptr<float>(), mean.data_ptr<float>() + mean.numel(), out);
}

std::string Policy::save_state() {
    torch::serialize::OutputArchive archive;
    archive.write("config", config_tensor(config_), true);
    auto model = write_parameters(*model_);
    archive.write("model", model);
    auto reference = write_parameters(*reference_);
    archive.write("reference", reference);
    torch::serialize::OutputArchive optimizer;
    optimizer_->save(optimizer);
    archive.write("optimizer", optimizer);
    archive.write("generator", generator_.get_state(), true);
    return to_bytes(archive);
}

void Policy::load_state(const uint8_t* data, int64_t size) {
    auto archive = open_archive(data, size, device_);
    check_config(archive, config_);
    torch::serialize::InputArchive model, reference, optimizer;
    torch::Tensor generator_state;
    if (!archive.try_read("model", model) || !archive.try_read("reference", reference) ||
        !archive.try_read("optimizer", optimizer) || !archive.try_read("generator", generator_state, true))
        throw std::invalid_argument("checkpoint: not a full policy state (model, reference, optimizer, generator)");
    const auto model_values = read_parameters(model, *model_);
    const auto reference_values = read_parameters(reference, *reference_);
    optimizer_->load(optimizer);
    generator_.set_state(generator_state.to(torch::kCPU));
    assign_parameters(*model_, model_values);
    assign_parameters(*reference_, reference_values);
}

std::string Policy::export_weights() {
    torch::serialize::OutputArchive archive;
    archive.write("config", config_tensor(config_), true);
    auto model = write_parameters(*model_);
    archive.write("model", model);
    return to_bytes(archive);
}

void Policy::import_weights(const uint8_t* data, int64_t size) {
    auto archive = open_archive(data, size, device_);
    check_config(archive, config_);
    torch::serialize::InputArchive model;
    if (!archive.try_read("model", model)) throw std::invalid_argument("checkpoint: no model weights");
    assign_parameters(*model_, read_parameters(model, *model_));
}

uint64_t Policy::weights_hash() const {
    uint64_t hash = 14695981039346656037ULL;  // FNV-1a over the parameters' bytes in registration order
    for (const auto& p : model_->parameters()) {
        auto cpu = p.detach().to(torch::kCPU).contiguous();
        const auto* bytes = static_cast<const uint8_t*>(cpu.data_ptr());
        for (size_t i = 0; i < cpu.nbytes(); ++i) hash = (hash ^ bytes[i]) * 1099511628211ULL;
    }
    return hash;
}

}  // namespace rlvr
