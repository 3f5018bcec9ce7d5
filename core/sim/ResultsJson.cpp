#include "core/sim/ResultsJson.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/util/OrderedJson.h"

namespace scalelab::core::sim {

namespace {

// JSON has no NaN or infinity: such a value (say, a mean of nothing) is written as 0.
double finite(double v)
{
    return std::isfinite(v) ? v : 0.0;
}

nlohmann::ordered_json latencyJson(const LatencySummary& l)
{
    return {{"mean", finite(l.mean)}, {"p50", finite(l.p50)}, {"p90", finite(l.p90)},
            {"p95", finite(l.p95)},   {"p99", finite(l.p99)}, {"p999", finite(l.p999)},
            {"max", finite(l.max)}};
}

double numberAt(const nlohmann::json& doc, const char* pointer)
{
    const nlohmann::json::json_pointer ptr(pointer);
    if (!doc.is_object() || !doc.contains(ptr) || !doc.at(ptr).is_number())
        return std::nan("");
    return doc.at(ptr).get<double>();
}

std::uint64_t countAt(const nlohmann::json& doc, const char* pointer)
{
    const double v = numberAt(doc, pointer);
    return std::isfinite(v) && v > 0 ? static_cast<std::uint64_t>(std::llround(v)) : 0;
}

LatencySummary latencyAt(const nlohmann::json& doc, const std::string& at)
{
    const auto n = [&](const char* key) { return numberAt(doc, (at + "/" + key).c_str()); };
    return {n("mean"), n("p50"), n("p90"), n("p95"), n("p99"), n("p999"), n("max")};
}

// An unknown statistic (it falls among failed requests) is null, never a made-up number.
nlohmann::ordered_json orNull(const std::optional<double>& v)
{
    return v && std::isfinite(*v) ? nlohmann::ordered_json(*v) : nlohmann::ordered_json();
}

nlohmann::ordered_json orNull(double v)
{
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

nlohmann::ordered_json latencyAllJson(const LatencyAll& l)
{
    return {{"mean", orNull(l.mean)}, {"p50", orNull(l.p50)}, {"p90", orNull(l.p90)},
            {"p95", orNull(l.p95)},   {"p99", orNull(l.p99)}, {"p999", orNull(l.p999)},
            {"max", orNull(l.max)}};
}

// latency_all_ms read back: a null figure stays unknown. A document written before
// latency_all_ms existed gives its latency_ms figures instead (nothing failed unseen there
// as far as it can tell).
LatencyAll latencyAllAt(const nlohmann::json& doc, const std::string& at,
                        const std::string& fallback)
{
    const nlohmann::json::json_pointer ptr(at);
    const bool present = doc.is_object() && doc.contains(ptr) && doc.at(ptr).is_object();
    const std::string& base = present ? at : fallback;
    const auto n = [&](const char* key) -> std::optional<double> {
        const double v = numberAt(doc, (base + "/" + key).c_str());
        return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
    };
    return {n("mean"), n("p50"), n("p90"), n("p95"), n("p99"), n("p999"), n("max")};
}

} // namespace

RunResults resultsFromDocument(const nlohmann::json& doc)
{
    RunResults r;
    r.generated = countAt(doc, "/requests/generated");
    r.completed = countAt(doc, "/requests/completed");
    r.failed = countAt(doc, "/requests/failed");
    r.unfinished = countAt(doc, "/requests/unfinished");
    r.overdue = countAt(doc, "/requests/overdue");
    if (doc.is_object() && doc.contains("warnings") && doc["warnings"].is_array())
        for (const auto& w : doc["warnings"])
            if (w.is_string())
                r.warnings.push_back(w.get<std::string>());
    r.throughputRps = numberAt(doc, "/throughput_rps");
    r.availability = numberAt(doc, "/availability");
    r.latency = latencyAt(doc, "/latency_ms");
    r.latencyAll = latencyAllAt(doc, "/latency_all_ms", "/latency_ms");
    r.read.count = countAt(doc, "/by_class/read/count");
    r.read.latency = latencyAt(doc, "/by_class/read/latency_ms");
    r.read.latencyAll =
        latencyAllAt(doc, "/by_class/read/latency_all_ms", "/by_class/read/latency_ms");
    r.write.count = countAt(doc, "/by_class/write/count");
    r.write.latency = latencyAt(doc, "/by_class/write/latency_ms");
    r.write.latencyAll =
        latencyAllAt(doc, "/by_class/write/latency_all_ms", "/by_class/write/latency_ms");
    r.lostWrites = countAt(doc, "/data/lost_writes");
    r.staleReads = countAt(doc, "/data/stale_reads");
    r.sessions.misses = countAt(doc, "/sessions/misses");
    r.sessions.lost = countAt(doc, "/sessions/lost");
    r.cost = {numberAt(doc, "/cost/per_hour"), numberAt(doc, "/cost/per_month")};
    r.ci95.latencyMeanMs = numberAt(doc, "/ci95/latency_ms/mean");
    r.ci95.throughputRps = numberAt(doc, "/ci95/throughput_rps");
    if (doc.is_object() && doc.contains("nodes") && doc["nodes"].is_object())
        for (const auto& [id, node] : doc["nodes"].items()) {
            NodeResults n;
            n.id = id;
            n.utilization =
                node.is_object() && node.contains("utilization") && node["utilization"].is_number()
                    ? node["utilization"].get<double>()
                    : std::nan("");
            // Looked up by key, not by pointer: an id may hold '/' or '~'.
            const nlohmann::json* ci = nullptr;
            if (doc.contains("ci95") && doc["ci95"].is_object() && doc["ci95"].contains("nodes") &&
                doc["ci95"]["nodes"].is_object() && doc["ci95"]["nodes"].contains(id))
                ci = &doc["ci95"]["nodes"][id];
            n.utilizationCi95 = ci && ci->is_object() && ci->contains("utilization") &&
                                        (*ci)["utilization"].is_number()
                                    ? (*ci)["utilization"].get<double>()
                                    : std::nan("");
            r.nodes.push_back(std::move(n));
        }
    return r;
}

nlohmann::ordered_json resultsDocument(const RunResults& r)
{
    using J = nlohmann::ordered_json;
    J doc;
    doc["format"] = kResultsFormat;
    doc["name"] = r.name;
    doc["seed"] = r.seed;
    doc["duration_s"] = r.durationS;
    doc["warmup_s"] = r.warmupS;
    J byReason = J::object();
    for (const auto& [reason, count] : r.byReason)
        byReason[reason] = count;
    doc["requests"] = {{"generated", r.generated}, {"completed", r.completed},
                       {"failed", r.failed},       {"unfinished", r.unfinished},
                       {"overdue", r.overdue},     {"by_reason", byReason},
                       {"retries", r.retries}};
    doc["throughput_rps"] = finite(r.throughputRps);
    doc["availability"] = finite(r.availability);
    doc["latency_ms"] = latencyJson(r.latency);
    doc["latency_all_ms"] = latencyAllJson(r.latencyAll);
    auto classJson = [](const ClassResults& c) {
        return J{{"count", c.count},
                 {"failed", c.failed},
                 {"latency_ms", latencyJson(c.latency)},
                 {"latency_all_ms", latencyAllJson(c.latencyAll)}};
    };
    doc["by_class"] = {{"read", classJson(r.read)},
                       {"write", classJson(r.write)},
                       {"static", classJson(r.staticClass)}};
    J nodes = J::object();
    for (const NodeResults& n : r.nodes) {
        J node = {{"kind", n.kind},
                  {"arrivals", n.arrivals},
                  {"completed", n.completed},
                  {"utilization", finite(n.utilization)},
                  {"mean_queue_length", finite(n.meanQueueLength)},
                  {"mean_wait_ms", finite(n.meanWaitMs)},
                  {"mean_response_ms", finite(n.meanResponseMs)},
                  {"rejected", n.rejected},
                  {"up_fraction", finite(n.upFraction)},
                  {"refused", n.refused},
                  {"lost", n.lost},
                  {"cancelled", n.cancelled}};
        if (!n.role.empty())
            node["role"] = n.role;
        if (!n.shards.empty()) {
            J shards = J::array();
            for (const NodeResults::Shard& s : n.shards)
                shards.push_back({{"arrivals", s.arrivals},
                                  {"utilization", finite(s.utilization)},
                                  {"mean_response_ms", finite(s.meanResponseMs)}});
            node["shards"] = std::move(shards);
        }
        if (n.instancesMean >= 0)
            node["instances_mean"] = finite(n.instancesMean);
        if (n.edge) {
            node["hits"] = n.hits;
            node["misses"] = n.misses;
            const std::uint64_t looked = n.hits + n.misses;
            node["hit_ratio"] =
                looked ? static_cast<double>(n.hits) / static_cast<double>(looked) : 0.0;
        }
        if (n.sessions) {
            node["session_misses"] = n.sessionMisses;
            node["sessions_lost"] = n.sessionsLost;
        }
        appendMember(nodes, n.id, std::move(node));
    }
    doc["nodes"] = std::move(nodes);
    doc["data"] = {{"lost_writes", r.lostWrites}, {"stale_reads", r.staleReads}};
    if (r.jobs.present) {
        const LatencySummary& l = r.jobs.latency;
        doc["jobs"] = {{"published", r.jobs.published},
                       {"completed", r.jobs.completed},
                       {"dropped", r.jobs.dropped},
                       {"failed", r.jobs.failed},
                       {"redelivered", r.jobs.redelivered},
                       {"backlog_max", r.jobs.backlogMax},
                       {"latency_ms",
                        {{"mean", finite(l.mean)},
                         {"p50", finite(l.p50)},
                         {"p99", finite(l.p99)},
                         {"max", finite(l.max)}}}};
    }
    doc["sessions"] = {{"misses", r.sessions.misses}, {"lost", r.sessions.lost}};
    if (std::isfinite(r.cost.perHour))
        doc["cost"] = {{"per_hour", r.cost.perHour}, {"per_month", finite(r.cost.perMonth)}};
    J events = J::array();
    for (const EventRecord& e : r.events)
        events.push_back(
            {{"t_s", e.tS}, {"type", toString(e.kind)}, {"node", e.node}, {"detail", e.detail}});
    doc["events"] = std::move(events);
    const TimeSeries& ts = r.timeseries;
    J p50 = J::array(), p99 = J::array(), rps = J::array();
    for (double v : ts.p50Ms)
        p50.push_back(finite(v));
    for (double v : ts.p99Ms)
        p99.push_back(finite(v));
    for (double v : ts.throughputRps)
        rps.push_back(finite(v));
    doc["timeseries"] = {{"interval_s", ts.intervalS},
                         {"t_s", ts.tS},
                         {"throughput_rps", rps},
                         {"p50_ms", p50},
                         {"p99_ms", p99},
                         {"errors", ts.errors}};
    if (r.jobs.present)
        doc["timeseries"]["backlog"] = ts.backlog;
    if (!ts.instances.empty()) {
        J instances = J::object();
        for (const auto& [id, values] : ts.instances)
            appendMember(instances, id, values);
        doc["timeseries"]["instances"] = std::move(instances);
    }
    // Batch-means 95% half-widths, keyed like the figures they belong to (null: unknown).
    J ciNodes = J::object();
    for (const NodeResults& n : r.nodes)
        if (std::isfinite(n.utilizationCi95))
            appendMember(ciNodes, n.id, {{"utilization", n.utilizationCi95}});
    doc["ci95"] = {{"latency_ms", {{"mean", orNull(r.ci95.latencyMeanMs)}}},
                   {"throughput_rps", orNull(r.ci95.throughputRps)},
                   {"nodes", std::move(ciNodes)}};
    doc["warnings"] = r.warnings;
    // Last and apart: the only block that depends on the machine (wall-clock figures) and
    // not on the file and the seed alone; everything above it is byte-identical from run to
    // run (docs/format.md, "Same file, same seed").
    doc["engine"] = {{"events", r.engine.events},
                     {"wall_s", finite(r.engine.wallS)},
                     {"events_per_s", finite(r.engine.eventsPerS)},
                     {"queue", r.engine.queue},
                     {"event_cap_reached", r.engine.eventCapReached},
                     {"simulated_s", r.engine.simulatedS}};
    return doc;
}

std::string resultsToJson(const RunResults& r)
{
    return resultsDocument(r).dump(2) + "\n";
}

std::string timeSeriesToCsv(const RunResults& r)
{
    const TimeSeries& ts = r.timeseries;
    const bool backlog = r.jobs.present && ts.backlog.size() == ts.tS.size();
    std::string out = "t_s,throughput_rps,p50_ms,p99_ms,errors";
    if (backlog)
        out += ",backlog";
    for (const auto& series : ts.instances)
        out += ",instances." + series.first;
    out += "\n";
    for (std::size_t i = 0; i < ts.tS.size(); ++i) {
        out += fmt::format("{:g},{:g},{:g},{:g},{}", ts.tS[i], ts.throughputRps[i], ts.p50Ms[i],
                           ts.p99Ms[i], ts.errors[i]);
        if (backlog)
            out += fmt::format(",{}", ts.backlog[i]);
        for (const auto& series : ts.instances)
            out += fmt::format(",{:g}", i < series.second.size() ? series.second[i] : 0.0);
        out += "\n";
    }
    return out;
}

} // namespace scalelab::core::sim
