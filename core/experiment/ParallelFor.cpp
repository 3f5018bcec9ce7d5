#include "core/experiment/ParallelFor.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "core/experiment/ReplicationRunner.h"

namespace scalelab::core::experiment {

void parallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work)
{
    const std::size_t n =
        std::min<std::size_t>(count, threads == 0 ? ReplicationRunner::defaultThreads() : threads);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++)
            work(i);
    };
    std::vector<std::jthread> pool;
    pool.reserve(n);
    for (std::size_t t = 0; t < n; ++t)
        pool.emplace_back(worker);
}

} // namespace scalelab::core::experiment
