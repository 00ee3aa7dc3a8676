/// \file DemoRandom.hpp
/// The demo district's random source: the same seed gives the same numbers on every platform
/// and standard library. std::mt19937_64's output is fixed by the standard, but the
/// std::*_distribution classes are not (libstdc++ and libc++ draw differently), so every
/// distribution here is written out, with integer arithmetic or exact IEEE operations only.
#pragma once

#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

namespace yanzhen::demo::plan {

class DemoRandom {
public:
    /// The engine is seeded through splitmix64, so that seeds 1, 2, 3 start far apart.
    explicit DemoRandom(std::uint64_t seed) : engine_(splitmix64(seed)) {}

    /// 0 .. n-1, each equally likely (rejection sampling: no modulo bias). `n` must be > 0.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        const std::uint64_t limit = max - (max % n + 1) % n;
        std::uint64_t x = engine_();
        while (x > limit)
            x = engine_();
        return x % n;
    }
    /// lo .. hi inclusive.
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    /// [0, 1) with 53 random bits.
    double unit() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    /// A bell-shaped value around `mean` with about `spread` standard deviation (the sum of four
    /// uniforms: no logarithms or cosines, whose last bits differ between libm versions).
    double bell(double mean, double spread) {
        const double sum =
            unit() + unit() + unit() + unit(); // mean 2, standard deviation 1/sqrt(3)
        return mean + (sum - 2.0) * spread * 1.7320508075688772;
    }
    /// Fisher–Yates, drawing through below() (std::shuffle's draws are unspecified).
    template <class T> void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[below(i)]);
    }
    template <class T> const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }

private:
    static std::uint64_t splitmix64(std::uint64_t x) {
        x += 0x9E3779B97F4A7C15ULL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }

    std::mt19937_64 engine_;
};

} // namespace yanzhen::demo::plan
