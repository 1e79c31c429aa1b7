// The learner's policy: the model, a frozen reference copy for the KL term, AdamW, and the generator that
// drew the initial weights. One call per operation; not thread-safe (callers serialize per policy).
#pragma once
#include <torch/torch.h>

#include <memory>
#include <string>

#include "batch.h"
#include "gpt.h"
#include "rlvr_torch.h"

namespace rlvr {

class Policy {
public:
    Policy(const rlvr_config& config, const std::string& device, uint64_t seed);

    int64_t parameter_count() const;
    void snapshot_reference();

    void sample(const rlvr_batch* prompts, const rlvr_sample_options& options, int32_t* out_tokens,
                float* out_logprobs, int32_t* out_lengths);
    void logprobs(const rlvr_batch* batch, float temperature, bool use_reference, float* out);
    rlvr_grpo_stats grpo_step(const rlvr_batch* batch, const uint8_t* response_mask, const float* advantages,
                              const float* old_logprobs, const float* behavior_logprobs,
                              const rlvr_grpo_options& options);
    float supervised_step(const rlvr_batch* batch, const uint8_t* target_mask, const rlvr_optimizer_options& options);
    void embed(const rlvr_batch* batch, float* out);

    std::string save_state();
    void load_state(const uint8_t* data, int64_t size);
    std::string export_weights();
    void import_weights(const uint8_t* data, int64_t size);
    uint64_t weights_hash() const;

private:
    // Log-probabilities of each token given its prefix ([count, longest], 0 in column 0) and, when asked,
    // the entropy of each of those predictive distributions (differentiable when it is in the loss).
    torch::Tensor token_logprobs(Gpt& model, const torch::Tensor& tokens, float temperature,
                                 torch::Tensor* entropy = nullptr, bool entropy_in_loss = false) const;
    torch::Tensor next_token_logits(const torch::Tensor& tokens, const torch::Tensor& pad, KvCache* cache);
    void optimizer_step(const torch::Tensor& loss, const rlvr_optimizer_options& options, float* grad_norm);

    rlvr_config config_;
    torch::Device device_;
    at::Generator generator_;
    std::shared_ptr<Gpt> model_;
    std::shared_ptr<Gpt> reference_;
    std::unique_ptr<torch::optim::AdamW> optimizer_;
};

}  // namespace rlvr
