#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace scalelab::core::experiment {

/// The numbers of one run that experiments aggregate: every numeric value of its
/// `scalelab-results/1` document outside arrays, `seed`, `ci95` and `engine`
/// (wall-clock figures would make outputs depend on the machine), keyed by JSON pointer
/// ("/latency_ms/p99",
/// "/nodes/web1/utilization"), in document order. A null value (a percentile with no
/// answer) is kept as NaN. A few kilobytes, where the full results hold time series.
struct RunFigures {
    std::vector<std::pair<std::string, double>> values;

    /// The value at `pointer`, or NaN when the run has none.
    double at(const std::string& pointer) const;
    bool has(const std::string& pointer) const;
};

/// One key of a pointer, escaped as RFC 6901 says ("a/b" -> "a~1b"): "/nodes/" + it.
std::string pointerToken(const std::string& key);

/// Reads the figures of a results document (goals and cost included when present).
RunFigures figuresOf(const nlohmann::ordered_json& results);

/// The inverse of the pointers above: {"/a/b": 1} -> {"a": {"b": 1}}, always objects (a
/// node id "0" stays a key), NaN written as null.
nlohmann::ordered_json unflatten(const std::vector<std::pair<std::string, double>>& values);

} // namespace scalelab::core::experiment
