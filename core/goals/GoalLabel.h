#pragma once

#include <string>

namespace scalelab::core {

struct GoalSpec;

/// A short name a person reads for a goal ("p99 latency", "Throughput") where files and
/// JSON use its key ("p99_ms", "min_throughput_rps"). A goal without an entry of its own
/// is named by its help text without the bound ("... at most").
std::string goalLabel(const GoalSpec& spec);

} // namespace scalelab::core
