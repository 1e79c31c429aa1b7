// Runs the workload of bench/Rlvr.Benchmarks/TorchWorkload.cs (keep the two in step) straight through the
// shim's C ABI and prints the mean and minimum time of a GRPO train step and of a sampling call.
// Usage: torch_driver <threads> <iterations>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

#include "rlvr_torch.h"

namespace {

constexpr int kPrompts = 16, kGroup = 8, kPromptLength = 8, kResponseLength = 12, kWarmup = 3;

int token(int row, int position) { return 3 + ((row * 31 + position * 7) % 95); }

void check(bool ok) {
    if (!ok) {
        std::fprintf(stderr, "shim error: %s\n", rlvr_last_error());
        std::exit(1);
    }
}

struct Timing {
    double mean_ms = 0, min_ms = 1e300;
};

// The minimum is the figure to compare on a shared machine: other processes only ever add time.
Timing measure(int iterations, const std::function<void()>& body) {
    for (int i = 0; i < kWarmup; ++i) body();
    Timing timing;
    for (int i = 0; i < iterations; ++i) {
        const auto start = std::chrono::steady_clock::now();
        body();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        timing.mean_ms += ms / iterations;
        timing.min_ms = std::min(timing.min_ms, ms);
    }
    return timing;
}

}  // namespace

int main(int argc, char** argv) {
    const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
    const int iterations = argc > 2 ? std::atoi(argv[2]) : 20;
    check(rlvr_set_threads(threads) == 0);
    const rlvr_config config{98, 128, 3, 4, 96};  // PolicyConfig.Default
    rlvr_policy* policy = rlvr_policy_create(&config, "cpu", 1);
    check(policy != nullptr);

    const int rows = kPrompts * kGroup, length = kPromptLength + kResponseLength;
    std::vector<int32_t> tokens, lengths(rows, length), prompt_tokens, prompt_lengths(kPrompts, kPromptLength);
    std::vector<uint8_t> mask;
    std::vector<float> advantages;
    for (int r = 0; r < rows; ++r) {
        for (int t = 0; t < length; ++t) {
            tokens.push_back(token(r, t));
            mask.push_back(t >= kPromptLength ? 1 : 0);
        }
        advantages.push_back(r % 2 == 0 ? 1.0f : -1.0f);
    }
    for (int p = 0; p < kPrompts; ++p)
        for (int t = 0; t < kPromptLength; ++t) prompt_tokens.push_back(token(p, t));
    const rlvr_batch batch{tokens.data(), lengths.data(), rows};
    const rlvr_batch prompts{prompt_tokens.data(), prompt_lengths.data(), kPrompts};

    // GrpoOptions and SampleOptions defaults of the C# side.
    const rlvr_grpo_options grpo{{1e-4, 0.0, 1.0}, 0.2f, 0.2f, 3.0f, 0.001f, 0.0f, 1.0f, 0, 0.0f, 1, 0};
    const rlvr_sample_options sample{kGroup, kResponseLength, 1.0f, 1.0f, -1, 1, 1};
    rlvr_grpo_stats stats;
    std::vector<int32_t> out_tokens(rows * kResponseLength), out_lengths(rows);
    std::vector<float> out_logprobs(rows * kResponseLength);

    const Timing train = measure(iterations, [&] {
        check(rlvr_policy_grpo_step(policy, &batch, mask.data(), advantages.data(), nullptr, nullptr, &grpo, &stats) == 0);
    });
    const Timing sampling = measure(iterations, [&] {
        check(rlvr_policy_sample(policy, &prompts, &sample, out_tokens.data(), out_logprobs.data(), out_lengths.data()) == 0);
    });
    std::printf("TrainStep threads=%d mean_ms=%.3f min_ms=%.3f\n", threads, train.mean_ms, train.min_ms);
    std::printf("Sample threads=%d mean_ms=%.3f min_ms=%.3f\n", threads, sampling.mean_ms, sampling.min_ms);
    rlvr_policy_free(policy);
    return 0;
}
