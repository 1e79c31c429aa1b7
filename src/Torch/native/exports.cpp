// The C ABI: thin wrappers that validate pointers, run the body guarded, and report failure by value.
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <dlfcn.h>
#include <torch/cuda.h>

#include <cctype>
#include <stdexcept>
#include <string>

#include "guard.h"
#include "policy.h"
#include "rlvr_torch.h"

struct rlvr_policy {
    rlvr::Policy impl;
};

struct rlvr_buffer {
    std::string bytes;
};

namespace {

rlvr::Policy& get(rlvr_policy* policy) {
    if (policy == nullptr) throw std::invalid_argument("policy handle is null");
    return policy->impl;
}

template <typename T>
const T& require(const T* value, const char* name) {
    if (value == nullptr) throw std::invalid_argument(std::string(name) + " is null");
    return *value;
}

template <typename F>
int32_t status(F&& body) {
    return rlvr::guarded<int32_t>(-1, [&] {
        body();
        return 0;
    });
}

}  // namespace

extern "C" {

const char* rlvr_last_error(void) { return rlvr::last_error(); }  // unguarded: see rlvr_buffer_data

int32_t rlvr_set_threads(int32_t threads) {
    return status([&] {
        if (threads <= 0) throw std::invalid_argument("threads must be positive, got " + std::to_string(threads));
        at::set_num_threads(threads);
    });
}

int32_t rlvr_get_threads(void) {
    return rlvr::guarded<int32_t>(-1, [] { return static_cast<int32_t>(at::get_num_threads()); });
}

int32_t rlvr_cuda_device_count(void) {
    return rlvr::guarded<int32_t>(-1, [] {
        return torch::cuda::is_available() ? static_cast<int32_t>(torch::cuda::device_count()) : 0;
    });
}

const char* rlvr_cpu_capability(void) {
    return rlvr::guarded<const char*>(nullptr, [] {
        // libtorch exports no getter for it; its build summary names the capability it dispatches to.
        static thread_local std::string capability;
        const std::string config = at::show_config();
        const std::string label = "CPU capability usage: ";
        const auto at = config.find(label);
        if (at == std::string::npos) throw std::runtime_error("libtorch's show_config() names no CPU capability");
        const auto begin = at + label.size();
        capability = config.substr(begin, config.find('\n', begin) - begin);
        for (auto& c : capability) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return capability.c_str();
    });
}

const char* rlvr_blas_core(void) {
    return rlvr::guarded<const char*>(nullptr, [] {
        // Looked up, not linked: libtorch may be built on another BLAS, and then there is no core to report.
        using CoreName = char* (*)();
        auto core_name = reinterpret_cast<CoreName>(dlsym(RTLD_DEFAULT, "openblas_get_corename"));
        return core_name != nullptr ? static_cast<const char*>(core_name()) : "";
    });
}

rlvr_policy* rlvr_policy_create(const rlvr_config* config, const char* device, uint64_t seed) {
    return rlvr::guarded<rlvr_policy*>(nullptr, [&] {
        return new rlvr_policy{rlvr::Policy(require(config, "config"), device != nullptr ? device : "cpu", seed)};
    });
}

void rlvr_policy_free(rlvr_policy* policy) {
    rlvr::guarded<int32_t>(-1, [&] {
        delete policy;
        return 0;
    });
}

int64_t rlvr_policy_parameter_count(rlvr_policy* policy) {
    return rlvr::guarded<int64_t>(-1, [&] { return get(policy).parameter_count(); });
}

int32_t rlvr_policy_snapshot_reference(rlvr_policy* policy) {
    return status([&] { get(policy).snapshot_reference(); });
}

int32_t rlvr_policy_sample(rlvr_policy* policy, const rlvr_batch* prompts, const rlvr_sample_options* options,
                           int32_t* out_tokens, float* out_logprobs, int32_t* out_lengths) {
    return status([&] {
        if (out_tokens == nullptr || out_logprobs == nullptr || out_lengths == nullptr)
            throw std::invalid_argument("sample: output buffers are null");
        get(policy).sample(prompts, require(options, "sample options"), out_tokens, out_logprobs, out_lengths);
    });
}

int32_t rlvr_policy_logprobs(rlvr_policy* policy, const rlvr_batch* batch, float temperature, int32_t use_reference,
                             float* out_logprobs) {
    return status([&] {
        if (out_logprobs == nullptr) throw std::invalid_argument("logprobs: output buffer is null");
        get(policy).logprobs(batch, temperature, use_reference != 0, out_logprobs);
    });
}

int32_t rlvr_policy_grpo_step(rlvr_policy* policy, const rlvr_batch* batch, const uint8_t* response_mask,
                              const float* advantages, const float* old_logprobs, const float* behavior_logprobs,
                              const rlvr_grpo_options* options, rlvr_grpo_stats* out_stats) {
    return status([&] {
        if (out_stats == nullptr) throw std::invalid_argument("grpo: output stats is null");
        *out_stats = get(policy).grpo_step(batch, response_mask, advantages, old_logprobs, behavior_logprobs,
                                           require(options, "grpo options"));
    });
}

int32_t rlvr_policy_supervised_step(rlvr_policy* policy, const rlvr_batch* batch, const uint8_t* target_mask,
                                    const rlvr_optimizer_options* options, float* out_loss) {
    return status([&] {
        if (out_loss == nullptr) throw std::invalid_argument("supervised: output loss is null");
        *out_loss = get(policy).supervised_step(batch, target_mask, require(options, "optimizer options"));
    });
}

int32_t rlvr_policy_embed(rlvr_policy* policy, const rlvr_batch* batch, float* out_embeddings) {
    return status([&] {
        if (out_embeddings == nullptr) throw std::invalid_argument("embed: output buffer is null");
        get(policy).embed(batch, out_embeddings);
    });
}

rlvr_buffer* rlvr_policy_save_state(rlvr_policy* policy) {
    return rlvr::guarded<rlvr_buffer*>(nullptr, [&] { return new rlvr_buffer{get(policy).save_state()}; });
}

int32_t rlvr_policy_load_state(rlvr_policy* policy, const uint8_t* data, int64_t size) {
    return status([&] { get(policy).load_state(data, size); });
}

rlvr_buffer* rlvr_policy_export_weights(rlvr_policy* policy) {
    return rlvr::guarded<rlvr_buffer*>(nullptr, [&] { return new rlvr_buffer{get(policy).export_weights()}; });
}

int32_t rlvr_policy_import_weights(rlvr_policy* policy, const uint8_t* data, int64_t size) {
    return status([&] { get(policy).import_weights(data, size); });
}

uint64_t rlvr_policy_weights_hash(rlvr_policy* policy) {
    return rlvr::guarded<uint64_t>(0, [&] { return get(policy).weights_hash(); });
}

// The buffer accessors cannot throw (no allocation), and rlvr_last_error must not clear the slot it reads,
// so these four are the only unguarded exports.
const uint8_t* rlvr_buffer_data(rlvr_buffer* buffer) {
    return buffer != nullptr ? reinterpret_cast<const uint8_t*>(buffer->bytes.data()) : nullptr;
}

int64_t rlvr_buffer_size(rlvr_buffer* buffer) {
    return buffer != nullptr ? static_cast<int64_t>(buffer->bytes.size()) : 0;
}

void rlvr_buffer_free(rlvr_buffer* buffer) { delete buffer; }

}  // extern "C"
