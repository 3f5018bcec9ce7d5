#include "core/experiment/Sweep.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "core/experiment/SweepCsvWriter.h"
#include "core/goals/GoalCheck.h"
#include "core/sim/ResultsJson.h"
#include "core/validation/Validator.h"

namespace scalelab::core::experiment {

namespace sweep_detail {

nlohmann::ordered_json finiteOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

// "/latency_ms/p99" -> ["latency_ms", "p99"]
std::vector<std::string> tokens(const std::string& pointer)
{
    std::vector<std::string> out;
    std::size_t start = 1;
    for (std::size_t i = 1; i <= pointer.size(); ++i)
        if (i == pointer.size() || pointer[i] == '/') {
            out.push_back(pointer.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

void setAt(nlohmann::ordered_json& doc, const std::string& pointer, nlohmann::ordered_json v)
{
    nlohmann::ordered_json* at = &doc;
    for (const std::string& t : tokens(pointer))
        at = &(*at)[t];
    *at = std::move(v);
}

} // namespace sweep_detail

const std::vector<std::string>& sweepFigures()
{
    static const std::vector<std::string> figures{
        "/throughput_rps", "/availability",       "/latency_ms/mean", "/latency_ms/p50",
        "/latency_ms/p99", "/latency_all_ms/p99", "/cost/per_hour",   "/cost/per_month"};
    return figures;
}

nlohmann::ordered_json sweepPoint(const SweepDesign& design, std::size_t point,
                                  const ReplicationStats& stats, const std::string& error)
{
    using sweep_detail::finiteOrNull;
    using sweep_detail::setAt;
    nlohmann::ordered_json p;
    p["values"] = design.values(point);
    if (!error.empty()) {
        p["error"] = error;
        return p;
    }
    nlohmann::ordered_json ci = nlohmann::ordered_json::object();
    for (const std::string& figure : sweepFigures()) {
        // latency_all_ms exists only in results that carry it (DESIGN.md "Retries and
        // deadlines"); a sweep of older results leaves it out rather than inventing it.
        if (!stats.has(figure))
            continue;
        const FigureStats s = stats.at(figure);
        setAt(p, figure, finiteOrNull(s.mean));
        if (figure.rfind("/cost/", 0) != 0) // the price does not vary with the seed
            setAt(ci, figure, finiteOrNull(s.ci95));
    }
    p["ci95"] = std::move(ci);
    const auto& goals = design.base().goals;
    if (!goals.empty()) {
        bool met = true;
        for (const GoalResult& g :
             checkGoals(goals, sim::resultsFromDocument(nlohmann::json(stats.meanDocument()))))
            met = met && g.met;
        p["goals_met"] = met;
    }
    return p;
}

SweepCollector::SweepCollector(const SweepDesign& design, std::size_t replications,
                               PointReady ready)
    : m_design(design), m_replications(replications), m_ready(std::move(ready))
{
}

void SweepCollector::add(std::size_t point, const RunFigures& figures, const std::string& error)
{
    if (point != m_point)
        throw std::logic_error("sweep runs must arrive in point order");
    if (!error.empty() && m_error.empty())
        m_error = error;
    if (error.empty())
        m_stats.add(figures);
    if (++m_seen < m_replications)
        return;
    m_ready(m_point, sweepPoint(m_design, m_point, m_stats, m_error));
    ++m_point;
    m_seen = 0;
    m_stats = ReplicationStats();
    m_error.clear();
}

nlohmann::ordered_json sweepHeader(const SweepDesign& design, const std::string& file,
                                   std::size_t replications)
{
    nlohmann::ordered_json doc;
    doc["format"] = kSweepFormat;
    doc["file"] = file;
    nlohmann::ordered_json vary = nlohmann::ordered_json::array();
    for (const SweepAxis& a : design.axes()) {
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        for (const ParamValue& v : a.values)
            values.push_back(valueJson(v));
        vary.push_back({{"node", a.node}, {"param", a.param}, {"values", std::move(values)}});
    }
    doc["vary"] = std::move(vary);
    doc["replications"] = replications;
    doc["seed"] = design.base().simulation.seed;
    return doc;
}

nlohmann::ordered_json sweepDocument(const SweepDesign& design, const std::string& file,
                                     std::size_t replications,
                                     std::vector<nlohmann::ordered_json> points)
{
    nlohmann::ordered_json doc = sweepHeader(design, file, replications);
    doc["points"] = std::move(points);
    return doc;
}

RunnerStatus runSweep(const SweepDesign& design, const std::string& file, std::size_t replications,
                      const ReplicationRunner& runner, SweepSink& sink)
{
    sink.begin(sweepHeader(design, file, replications));
    SweepCollector collector(design, replications,
                             [&](std::size_t point, const nlohmann::ordered_json& summary) {
                                 sink.point(point, summary);
                             });
    const auto pointDesign = [&](std::size_t point) {
        Topology t = design.topology(point);
        for (const Diagnostic& d : validate(t))
            if (d.severity == Severity::Error)
                throw std::invalid_argument(d.toString());
        return t;
    };
    const RunnerStatus status = runner.run(
        design.points() * replications,
        [replications](std::size_t i) { return factorialJob(i, replications); }, pointDesign,
        [&](RunOutcome&& o) { collector.add(o.job.point, o.figures, o.error); });
    sink.end();
    return status;
}

namespace sweep_detail {
// The document builder that also shows each point to a callback.
class WatchedBuilder : public SweepDocumentBuilder {
public:
    explicit WatchedBuilder(const SweepCollector::PointReady& onPoint) : m_onPoint(onPoint) {}
    void point(std::size_t index, const nlohmann::ordered_json& summary) override
    {
        SweepDocumentBuilder::point(index, summary);
        if (m_onPoint)
            m_onPoint(index, summary);
    }

private:
    const SweepCollector::PointReady& m_onPoint;
};
} // namespace sweep_detail

nlohmann::ordered_json runSweep(const SweepDesign& design, const std::string& file,
                                std::size_t replications, const ReplicationRunner& runner,
                                const SweepCollector::PointReady& onPoint, RunnerStatus* status)
{
    sweep_detail::WatchedBuilder builder(onPoint);
    const RunnerStatus s = runSweep(design, file, replications, runner, builder);
    if (status)
        *status = s;
    return builder.take();
}

void SweepDocumentBuilder::begin(const nlohmann::ordered_json& header)
{
    m_document = header;
    m_document["points"] = nlohmann::ordered_json::array();
}

void SweepDocumentBuilder::point(std::size_t, const nlohmann::ordered_json& summary)
{
    m_document["points"].push_back(summary);
}

void replaySweep(const nlohmann::ordered_json& document, SweepSink& sink)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    for (const auto& [key, value] : document.items())
        if (key != "points")
            header[key] = value;
    sink.begin(header);
    std::size_t index = 0;
    for (const auto& p : document.at("points"))
        sink.point(index++, p);
    sink.end();
}

std::string sweepCsv(const nlohmann::ordered_json& document)
{
    std::ostringstream out;
    SweepCsvWriter writer(out);
    replaySweep(document, writer);
    return out.str();
}

} // namespace scalelab::core::experiment
