// C ABI of the Rlvr.Torch shim. Every function catches all C++ exceptions; a failing call returns
// nullptr or a negative status and leaves its message in rlvr_last_error() on the calling thread.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RLVR_API __attribute__((visibility("default")))

typedef struct rlvr_policy rlvr_policy;
typedef struct rlvr_buffer rlvr_buffer;

typedef struct {
    int32_t vocab_size;
    int32_t width;
    int32_t layers;
    int32_t heads;
    int32_t context_length;
} rlvr_config;

// A ragged batch: `count` sequences laid end to end in `tokens`, sequence i has `lengths[i]` tokens.
typedef struct {
    const int32_t* tokens;
    const int32_t* lengths;
    int32_t count;
} rlvr_batch;

typedef struct {
    int32_t completions_per_prompt;
    int32_t max_new_tokens;
    float temperature;  // 0 = greedy
    float top_p;
    int32_t stop_token;  // -1 = none
    int32_t use_kv_cache;
    uint64_t seed;
    // Null = one stream of draws (seed) for the whole call; else one seed per prompt: each prompt's completions
    // draw from their own stream, so a prompt's draws do not depend on the prompts beside it.
    const uint64_t* prompt_seeds;
} rlvr_sample_options;

typedef struct {
    double learning_rate;
    double weight_decay;
    double max_grad_norm;  // <= 0 disables clipping
} rlvr_optimizer_options;

typedef struct {
    rlvr_optimizer_options optimizer;
    float clip_low;
    float clip_high;
    float dual_clip;  // <= 1 disables the dual clip
    float kl_coef;    // 0 skips the reference policy
    float entropy_coef;
    float temperature;
    int32_t loss_aggregation;  // 0 token-mean, 1 seq-mean-token-mean, 2 seq-mean-token-sum-norm
    float token_sum_norm;      // the constant of mode 2; <= 0 uses the longest response of the batch
    int32_t mini_batches;
    uint64_t shuffle_seed;
} rlvr_grpo_options;

typedef struct {
    float loss;
    float kl;
    float clip_fraction;
    float entropy;
    float grad_norm;
} rlvr_grpo_stats;

RLVR_API const char* rlvr_last_error(void);

RLVR_API int32_t rlvr_set_threads(int32_t threads);
RLVR_API int32_t rlvr_get_threads(void);
RLVR_API int32_t rlvr_cuda_device_count(void);
// The kernels this process dispatches to: ATen's CPU capability ("default", "avx2", "avx512"...) and OpenBLAS's
// core ("Haswell"...; "" when the BLAS in use is not OpenBLAS). Null on failure.
RLVR_API const char* rlvr_cpu_capability(void);
RLVR_API const char* rlvr_blas_core(void);

RLVR_API rlvr_policy* rlvr_policy_create(const rlvr_config* config, const char* device, uint64_t seed);
RLVR_API void rlvr_policy_free(rlvr_policy* policy);
RLVR_API int64_t rlvr_policy_parameter_count(rlvr_policy* policy);
RLVR_API int32_t rlvr_policy_snapshot_reference(rlvr_policy* policy);

// Writes rows = count * completions_per_prompt completions: out_tokens and out_logprobs are
// [rows, max_new_tokens] (unused slots zero), out_lengths [rows] counts generated tokens (stop included).
RLVR_API int32_t rlvr_policy_sample(rlvr_policy* policy, const rlvr_batch* prompts, const rlvr_sample_options* options,
                                    int32_t* out_tokens, float* out_logprobs, int32_t* out_lengths);

// out_logprobs is laid out like the batch's tokens: entry t of a sequence is log p(token t | tokens < t), 0 at t = 0.
RLVR_API int32_t rlvr_policy_logprobs(rlvr_policy* policy, const rlvr_batch* batch, float temperature,
                                      int32_t use_reference, float* out_logprobs);

// response_mask, old_logprobs and behavior_logprobs are laid out like the batch's tokens; advantages has one
// entry per sequence. old_logprobs null = the current policy (on-policy); behavior_logprobs null = no decoupled clip.
RLVR_API int32_t rlvr_policy_grpo_step(rlvr_policy* policy, const rlvr_batch* batch, const uint8_t* response_mask,
                                       const float* advantages, const float* old_logprobs,
                                       const float* behavior_logprobs, const rlvr_grpo_options* options,
                                       rlvr_grpo_stats* out_stats);

RLVR_API int32_t rlvr_policy_supervised_step(rlvr_policy* policy, const rlvr_batch* batch, const uint8_t* target_mask,
                                             const rlvr_optimizer_options* options, float* out_loss);

// out_embeddings is [count, width]: the mean of each sequence's final hidden states.
RLVR_API int32_t rlvr_policy_embed(rlvr_policy* policy, const rlvr_batch* batch, float* out_embeddings);

// Full state (config, weights, reference, optimizer, generator) and weights alone.
RLVR_API rlvr_buffer* rlvr_policy_save_state(rlvr_policy* policy);
RLVR_API int32_t rlvr_policy_load_state(rlvr_policy* policy, const uint8_t* data, int64_t size);
RLVR_API rlvr_buffer* rlvr_policy_export_weights(rlvr_policy* policy);
RLVR_API int32_t rlvr_policy_import_weights(rlvr_policy* policy, const uint8_t* data, int64_t size);
RLVR_API uint64_t rlvr_policy_weights_hash(rlvr_policy* policy);

RLVR_API const uint8_t* rlvr_buffer_data(rlvr_buffer* buffer);
RLVR_API int64_t rlvr_buffer_size(rlvr_buffer* buffer);
RLVR_API void rlvr_buffer_free(rlvr_buffer* buffer);

#ifdef __cplusplus
}
#endif
