#include "core/compare/PairedComparison.h"

#include <cmath>

#include "core/experiment/RunFigures.h"

namespace scalelab::core::compare {

namespace {
using experiment::RunFigures;

/// B - A for every figure both runs have, in B's order.
RunFigures differences(const RunFigures& a, const RunFigures& b)
{
    RunFigures d;
    d.values.reserve(b.values.size());
    for (const auto& [pointer, value] : b.values)
        if (a.has(pointer))
            d.values.emplace_back(pointer, value - a.at(pointer));
    return d;
}

/// Splits "/nodes/web~11/utilization" into its unescaped keys (RFC 6901).
std::vector<std::string> keysOf(const std::string& pointer)
{
    std::vector<std::string> keys;
    std::string key;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            keys.push_back(key);
            key.clear();
        } else if (pointer[i] == '~' && i + 1 < pointer.size()) {
            key += pointer[++i] == '1' ? '/' : '~';
        } else {
            key += pointer[i];
        }
    }
    return keys;
}

/// Sets `value` at `pointer`, creating objects on the way (a node id "0" stays a key).
void setAt(nlohmann::ordered_json& doc, const std::string& pointer, nlohmann::ordered_json value)
{
    nlohmann::ordered_json* at = &doc;
    for (const std::string& key : keysOf(pointer)) {
        if (!at->is_object())
            *at = nlohmann::ordered_json::object();
        at = &(*at)[key];
    }
    *at = std::move(value);
}

/// The pointers of every leaf of a figures document, in its order.
void collectLeaves(const nlohmann::ordered_json& doc, const std::string& prefix,
                   std::vector<std::string>& out)
{
    if (!doc.is_object()) {
        out.push_back(prefix);
        return;
    }
    for (const auto& item : doc.items())
        collectLeaves(item.value(), prefix + "/" + experiment::pointerToken(item.key()), out);
}

std::vector<std::string> leafPointers(const nlohmann::ordered_json& doc)
{
    std::vector<std::string> out;
    if (doc.is_object())
        collectLeaves(doc, "", out);
    return out;
}
} // namespace

PairedComparison compareDesigns(const Topology& a, const Topology& b, std::size_t replications,
                                const experiment::ReplicationRunner& runner)
{
    PairedComparison out;
    std::vector<experiment::RunJob> jobs = experiment::factorialJobs(1, replications);
    if (!jobs.empty())
        jobs.front().keepResults = true;
    // A first, keeping each replication's figures (a few kilobytes each), then B, paired
    // with A's run of the same seed as it arrives.
    std::vector<RunFigures> figuresA(replications);
    std::vector<bool> okA(replications, false);
    out.status = runner.run(
        jobs, [&](std::size_t) { return a; },
        [&](experiment::RunOutcome&& o) {
            out.seeds.push_back(o.seed);
            if (!o.error.empty()) {
                if (out.error.empty())
                    out.error = "A: " + o.error;
                return;
            }
            out.a.add(o.figures);
            okA[o.job.replication] = true;
            figuresA[o.job.replication] = std::move(o.figures);
            if (o.job.keepResults) {
                out.firstA = std::move(o.results);
                out.firstDocumentA = std::move(o.document);
            }
        });
    if (out.status == experiment::RunnerStatus::Cancelled)
        return out;
    out.status = runner.run(
        jobs, [&](std::size_t) { return b; },
        [&](experiment::RunOutcome&& o) {
            if (!o.error.empty()) {
                if (out.error.empty())
                    out.error = "B: " + o.error;
                return;
            }
            out.b.add(o.figures);
            if (okA[o.job.replication])
                out.delta.add(differences(figuresA[o.job.replication], o.figures));
            if (o.job.keepResults) {
                out.firstB = std::move(o.results);
                out.firstDocumentB = std::move(o.document);
            }
        });
    return out;
}

Verdict significance(const experiment::FigureStats& delta)
{
    if (delta.n < 2 || !std::isfinite(delta.mean) || !std::isfinite(delta.ci95))
        return Verdict::Unknown;
    return std::abs(delta.mean) > delta.ci95 ? Verdict::Significant : Verdict::NotSignificant;
}

nlohmann::ordered_json comparisonJson(const PairedComparison& c, const Topology& a,
                                      const Topology& b)
{
    nlohmann::ordered_json doc;
    doc["format"] = "scalelab-compare/1";
    doc["replications"] = c.delta.runs();
    doc["seeds"] = c.seeds;
    const auto side = [](const experiment::ReplicationStats& stats, const Topology& t) {
        nlohmann::ordered_json s;
        s["name"] = t.name;
        const nlohmann::ordered_json means = stats.meanDocument(); // outlives the loop
        for (const auto& [key, value] : means.items())
            s[key] = value;
        s["ci95"] = stats.ci95Document();
        return s;
    };
    doc["a"] = side(c.a, a);
    doc["b"] = side(c.b, b);
    doc["delta"] = c.delta.meanDocument();
    doc["delta_ci95"] = c.delta.ci95Document();
    nlohmann::ordered_json significant = nlohmann::ordered_json::object();
    for (const std::string& pointer : leafPointers(doc["delta"])) {
        const Verdict v = significance(c.delta.at(pointer));
        setAt(significant, pointer,
              v == Verdict::Unknown ? nlohmann::ordered_json()
                                    : nlohmann::ordered_json(v == Verdict::Significant));
    }
    doc["significant"] = std::move(significant);
    return doc;
}

} // namespace scalelab::core::compare
