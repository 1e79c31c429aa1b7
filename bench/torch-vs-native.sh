#!/usr/bin/env bash
# The default policy's GRPO train step and sampling: C# -> shim -> libtorch (BenchmarkDotNet) against the
# same calls from a C++ driver (bench/native), at 1 and 2 threads; prints C#/C++ time ratios (target <= 1.05).
# Compare the minima: on a shared machine other processes only add time, and they inflate means unevenly.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/torch-bench
dotnet build bench/Rlvr.Benchmarks -c Release -v quiet -nologo
cmake -S bench/native -B "$out/driver" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$out/driver" > /dev/null
: > "$out/native.txt"
# Kernel for kernel: the C# side runs the product's pinned AVX2 kernels (TorchRuntime's default), so the driver does too.
for threads in 1 2; do
  OPENBLAS_CORETYPE=Haswell ATEN_CPU_CAPABILITY=avx2 DNNL_MAX_CPU_ISA=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 \
    "$out/driver/torch_driver" "$threads" 20 | tee -a "$out/native.txt"
done
dotnet bench/Rlvr.Benchmarks/bin/Release/net10.0/Rlvr.Benchmarks.dll --filter '*TorchShimBenchmarks*' \
  --exporters json --artifacts "$out/bdn" > "$out/bdn.log"
python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
native = {}
for line in open(f"{out}/native.txt"):
    m = re.match(r"(\w+) threads=(\d+) mean_ms=([\d.]+) min_ms=([\d.]+)", line)
    native[(m[1], m[2])] = (float(m[3]), float(m[4]))
report = json.load(open(glob.glob(f"{out}/bdn/results/*TorchShimBenchmarks*-full-compressed.json")[0]))
print(f"{'work':<10}{'threads':>8}{'C# mean':>10}{'C++ mean':>10}{'C# min':>10}{'C++ min':>10}{'min ratio':>11}")
for b in report["Benchmarks"]:
    threads = re.search(r"Threads=(\d+)", b["Parameters"])[1]
    cs_mean, cs_min = b["Statistics"]["Mean"] / 1e6, b["Statistics"]["Min"] / 1e6
    cpp_mean, cpp_min = native[(b["Method"], threads)]
    print(f"{b['Method']:<10}{threads:>8}{cs_mean:>10.2f}{cpp_mean:>10.2f}{cs_min:>10.2f}{cpp_min:>10.2f}{cs_min / cpp_min:>11.3f}")
PY
