#!/usr/bin/env bash
# The default policy's GRPO train step and sampling: C# -> shim -> libtorch (BenchmarkDotNet) against the
# same calls from a C++ driver (bench/native), at 1 and 2 threads; prints C#/C++ time ratios (target <= 1.05).
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/torch-bench
dotnet build bench/Rlvr.Benchmarks -c Release -v quiet -nologo
cmake -S bench/native -B "$out/driver" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$out/driver" > /dev/null
: > "$out/native.txt"
for threads in 1 2; do
  "$out/driver/torch_driver" "$threads" 20 | tee -a "$out/native.txt"
done
dotnet bench/Rlvr.Benchmarks/bin/Release/net10.0/Rlvr.Benchmarks.dll --filter '*TorchShimBenchmarks*' \
  --exporters json --artifacts "$out/bdn" > "$out/bdn.log"
python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
native = {}
for line in open(f"{out}/native.txt"):
    m = re.match(r"(\w+) threads=(\d+) mean_ms=([\d.]+)", line)
    native[(m[1], m[2])] = float(m[3])
report = json.load(open(glob.glob(f"{out}/bdn/results/*TorchShimBenchmarks*-full-compressed.json")[0]))
print(f"{'work':<10}{'threads':>8}{'C# ms':>10}{'C++ ms':>10}{'ratio':>8}")
for b in report["Benchmarks"]:
    threads = re.search(r"Threads=(\d+)", b["Parameters"])[1]
    cs = b["Statistics"]["Mean"] / 1e6
    cpp = native[(b["Method"], threads)]
    print(f"{b['Method']:<10}{threads:>8}{cs:>10.2f}{cpp:>10.2f}{cs / cpp:>8.3f}")
PY
