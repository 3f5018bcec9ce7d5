#pragma once

#include <cstddef>
#include <functional>

namespace scalelab::core::experiment {

/// Calls work(i) for every i in [0, count) on `threads` std::jthreads (0 = every core),
/// handing out indices one at a time; returns when all are done. `work` must only touch
/// its own i's output. Used for the planner's analytic search, where each call is short.
void parallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& work);

} // namespace scalelab::core::experiment
