#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/experiment/ReplicationRunner.h"
#include "core/experiment/ReplicationStats.h"
#include "core/experiment/SweepSink.h"
#include "core/experiment/SweepSpec.h"

namespace scalelab::core::experiment {

inline constexpr const char* kSweepFormat = "scalelab-sweep/1";

/// The figures a sweep reports for each point, as JSON pointers into a results document:
/// mean and 95% interval of each across the point's replications.
const std::vector<std::string>& sweepFigures();

/// One point of `scalelab-sweep/1`: {values, throughput_rps, availability, latency_ms {mean,
/// p50, p99}, latency_all_ms {p99} (when the results have it), cost {per_hour, per_month},
/// ci95 {same keys}, goals_met (when the file has goals)}. `error` replaces the figures
/// when a replication failed.
nlohmann::ordered_json sweepPoint(const SweepDesign& design, std::size_t point,
                                  const ReplicationStats& stats, const std::string& error);

/// Builds points from runs collected in (point, replication) order: each point is summed
/// up and handed on as soon as its last replication arrives, and its runs are dropped
/// (memory holds one point's statistics, not every run).
class SweepCollector {
public:
    using PointReady = std::function<void(std::size_t point, const nlohmann::ordered_json&)>;
    SweepCollector(const SweepDesign& design, std::size_t replications, PointReady ready);

    /// Feed one run (a run's figures, or its error).
    void add(std::size_t point, const RunFigures& figures, const std::string& error);

private:
    const SweepDesign& m_design;
    std::size_t m_replications;
    PointReady m_ready;
    std::size_t m_point = 0;
    std::size_t m_seen = 0;
    ReplicationStats m_stats;
    std::string m_error;
};

/// The document without its points: {format, file, vary [{node, param, values}],
/// replications, seed}.
nlohmann::ordered_json sweepHeader(const SweepDesign& design, const std::string& file,
                                   std::size_t replications);

/// The whole document: the header, then points.
nlohmann::ordered_json sweepDocument(const SweepDesign& design, const std::string& file,
                                     std::size_t replications,
                                     std::vector<nlohmann::ordered_json> points);

/// Runs every point R times with `runner`, handing the header, then each point as it
/// completes (in point order), then the end to `sink`; keeps no point. A cancelled sweep
/// ends after the points finished so far.
RunnerStatus runSweep(const SweepDesign& design, const std::string& file, std::size_t replications,
                      const ReplicationRunner& runner, SweepSink& sink);

/// The same, collected into the whole document (the window's dock, tests). `onPoint`
/// (optional) sees each point as it completes, in point order.
nlohmann::ordered_json runSweep(const SweepDesign& design, const std::string& file,
                                std::size_t replications, const ReplicationRunner& runner,
                                const SweepCollector::PointReady& onPoint = {},
                                RunnerStatus* status = nullptr);

/// Collects what a sweep hands on into its document (memory grows with the points).
class SweepDocumentBuilder : public SweepSink {
public:
    void begin(const nlohmann::ordered_json& header) override;
    void point(std::size_t index, const nlohmann::ordered_json& summary) override;
    void end() override {}
    nlohmann::ordered_json take() { return std::move(m_document); }

private:
    nlohmann::ordered_json m_document;
};

/// Hands a whole document to a sink, as a sweep would have.
void replaySweep(const nlohmann::ordered_json& document, SweepSink& sink);

/// One row per point: the axes, then each figure's mean and `_ci95` half-width
/// (SweepCsvWriter over the document).
std::string sweepCsv(const nlohmann::ordered_json& document);

} // namespace scalelab::core::experiment
