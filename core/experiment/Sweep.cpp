#include "core/experiment/Sweep.h"

#include <cmath>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

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

// CSV text of a JSON number (shortest round-trip form), or empty for null.
std::string csvNumber(const nlohmann::ordered_json& v)
{
    return v.is_number() ? v.dump() : std::string();
}

// CSV text of a string from the design (node ids, choices, errors): quoted when needed, and
// a leading = + - @ tab or CR gets a ' before it, so a spreadsheet shows the text rather
// than running it as a formula (OWASP's advice on CSV injection).
std::string csvText(const nlohmann::ordered_json& v)
{
    if (!v.is_string())
        return v.dump();
    std::string s = v.get<std::string>();
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos)
        s.insert(0, 1, '\'');
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string quoted = "\"";
    for (char c : s)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
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

nlohmann::ordered_json sweepDocument(const SweepDesign& design, const std::string& file,
                                     std::size_t replications,
                                     std::vector<nlohmann::ordered_json> points)
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
    doc["points"] = std::move(points);
    return doc;
}

nlohmann::ordered_json runSweep(const SweepDesign& design, const std::string& file,
                                std::size_t replications, const ReplicationRunner& runner,
                                const SweepCollector::PointReady& onPoint, RunnerStatus* status)
{
    std::vector<nlohmann::ordered_json> points;
    points.reserve(design.points());
    SweepCollector collector(design, replications,
                             [&](std::size_t point, const nlohmann::ordered_json& summary) {
                                 points.push_back(summary);
                                 if (onPoint)
                                     onPoint(point, summary);
                             });
    const auto pointDesign = [&](std::size_t point) {
        Topology t = design.topology(point);
        for (const Diagnostic& d : validate(t))
            if (d.severity == Severity::Error)
                throw std::invalid_argument(d.toString());
        return t;
    };
    const RunnerStatus s =
        runner.run(factorialJobs(design.points(), replications), pointDesign,
                   [&](RunOutcome&& o) { collector.add(o.job.point, o.figures, o.error); });
    if (status)
        *status = s;
    return sweepDocument(design, file, replications, std::move(points));
}

std::string sweepCsv(const nlohmann::ordered_json& document)
{
    using sweep_detail::csvNumber;
    using sweep_detail::csvText;
    std::vector<std::string> axes;
    for (const auto& a : document.at("vary"))
        axes.push_back(a.at("node").get<std::string>() + "." + a.at("param").get<std::string>());
    std::vector<std::string> figures;
    for (const std::string& f : sweepFigures()) {
        const nlohmann::ordered_json::json_pointer ptr(f);
        for (const auto& p : document.at("points"))
            if (p.contains(ptr)) {
                figures.push_back(f);
                break;
            }
    }
    std::string out;
    for (const std::string& a : axes)
        out += csvText(a) + ",";
    for (const std::string& f : figures) {
        std::string name = f.substr(1);
        for (char& c : name)
            if (c == '/')
                c = '.';
        out += name + "," + name + "_ci95,";
    }
    out += "error\n";
    for (const auto& p : document.at("points")) {
        for (const std::string& a : axes)
            out += csvText(p.at("values").at(a)) + ",";
        for (const std::string& f : figures) {
            const nlohmann::ordered_json::json_pointer ptr(f);
            out += (p.contains(ptr) ? csvNumber(p.at(ptr)) : std::string()) + ",";
            const nlohmann::ordered_json::json_pointer ci("/ci95" + f);
            out += (p.contains(ci) ? csvNumber(p.at(ci)) : std::string()) + ",";
        }
        out += p.contains("error") ? csvText(p.at("error")) : std::string();
        out += "\n";
    }
    return out;
}

} // namespace scalelab::core::experiment
