#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/SweepSink.h"
#include "core/experiment/SweepSpec.h"

namespace scalelab::core::experiment {

inline constexpr const char* kSweepJobsFormat = "scalelab-sweep-jobs/1";

/// A sweep written as independent runs (`sweep --emit-jobs DIR`): one `.scalelab` per run
/// with its seed set, one `scalelab run` line per run in DIR/jobs.txt, and DIR/sweep.json,
/// from which `sweep --merge DIR` rebuilds the design and reads every run's results.
class SweepJobs {
public:
    /// `varyArgs` are the --vary texts as given (the manifest keeps them to rebuild the
    /// design); `file` is the name the sweep document reports.
    SweepJobs(const SweepDesign& design, std::vector<std::string> varyArgs, std::string file,
              std::size_t replications);

    std::size_t runs() const { return m_design.points() * m_replications; }
    /// Run i in (point, replication) order: "p03-r1" (zero-padded so names sort).
    std::string stem(std::size_t run) const;
    /// The `.scalelab` text of run i: the point's design with runSeed() as its seed.
    std::string topologyText(std::size_t run) const;
    /// "scalelab run p03-r1.scalelab --json p03-r1.json" (names relative to DIR).
    std::string line(std::size_t run) const;
    /// DIR/sweep.json.
    nlohmann::ordered_json manifest() const;

private:
    const SweepDesign& m_design;
    std::vector<std::string> m_varyArgs;
    std::string m_file;
    std::size_t m_replications;
    int m_pointDigits = 1;
    int m_replicationDigits = 1;
};

/// Reads a results document by stem ("p03-r1" -> DIR/p03-r1.json); nothing when missing.
using ResultsReader = std::function<std::optional<nlohmann::ordered_json>(const std::string&)>;

/// `sweep --merge`: the sweep of a manifest and its runs' results, handed to `sink` point by
/// point as the in-process sweep hands it (one point's runs in memory at a time). Throws
/// std::invalid_argument naming what is wrong: a bad manifest before begin(), a missing or
/// unreadable result when its point comes (the sink then never sees end()).
void mergeSweepJobs(const nlohmann::json& manifest, const ResultsReader& read, SweepSink& sink);

/// The same, as the whole document, equal to the one the in-process sweep writes.
nlohmann::ordered_json mergeSweepJobs(const nlohmann::json& manifest, const ResultsReader& read);

} // namespace scalelab::core::experiment
