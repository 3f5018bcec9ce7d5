#include "core/analysis/AnalysisJson.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/util/OrderedJson.h"

namespace scalelab::core {

namespace analysis_json_detail {
nlohmann::ordered_json finiteOrNull(double value)
{
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json();
}
nlohmann::ordered_json optionalTime(const std::optional<double>& value)
{
    return value ? finiteOrNull(*value) : nlohmann::ordered_json();
}
} // namespace analysis_json_detail

nlohmann::ordered_json analysisToJson(const Analysis& a)
{
    using analysis_json_detail::finiteOrNull;
    using analysis_json_detail::optionalTime;
    using Json = nlohmann::ordered_json;
    Json doc;
    doc["format"] = kAnalysisFormat;
    doc["name"] = a.name;
    Json nodes = Json::object();
    for (const NodeEstimate& e : a.nodes) {
        Json n;
        n["kind"] = e.kind;
        n["arrival_rps"] = e.arrivalRps;
        n["utilization"] = finiteOrNull(e.utilization);
        n["mean_wait_ms"] = finiteOrNull(e.meanWaitMs);
        n["mean_response_ms"] = finiteOrNull(e.meanResponseMs);
        n["stable"] = e.stable;
        n["read_rps"] = e.readRps;
        n["write_rps"] = e.writeRps;
        if (e.staticRps > 0)
            n["static_rps"] = e.staticRps;
        n["servers"] = e.servers;
        if (e.instances > 0)
            n["instances"] = e.instances;
        n["service_ms"] = finiteOrNull(e.serviceMs);
        n["offered_load"] = finiteOrNull(e.offeredLoad);
        if (!e.source && e.reached) {
            n["arrival_scv"] = e.arrivalScv;
            n["departure_scv"] = e.departureScv;
        }
        if (e.rejectFraction)
            n["reject_fraction"] = *e.rejectFraction;
        if (e.cancelFraction)
            n["cancel_fraction"] = *e.cancelFraction;
        if (e.hitRatio)
            n["hit_ratio"] = *e.hitRatio;
        if (!e.shards.empty()) {
            Json shards = Json::array();
            for (const ShardEstimate& s : e.shards)
                shards.push_back(Json{{"share", s.share},
                                      {"arrival_rps", s.arrivalRps},
                                      {"utilization", finiteOrNull(s.utilization)},
                                      {"mean_wait_ms", finiteOrNull(s.meanWaitMs)},
                                      {"mean_response_ms", finiteOrNull(s.meanResponseMs)},
                                      {"stable", s.stable}});
            n["shards"] = std::move(shards);
        }
        if (e.jobs) {
            const JobEstimate& j = *e.jobs;
            Json jobs{{"arrival_rps", j.arrivalRps},
                      {"threads", j.threads},
                      {"hold_ms", finiteOrNull(j.holdMs)},
                      {"utilization", finiteOrNull(j.utilization)},
                      {"mean_wait_ms", finiteOrNull(j.meanWaitMs)},
                      {"mean_latency_ms", finiteOrNull(j.meanLatencyMs)},
                      {"mean_backlog", finiteOrNull(j.meanBacklog)},
                      {"stable", j.stable}};
            if (j.dropFraction)
                jobs["drop_fraction"] = *j.dropFraction;
            n["jobs"] = std::move(jobs);
        }
        if (e.sessionMissRatio)
            n["session_miss_ratio"] = *e.sessionMissRatio;
        if (e.timeoutFraction)
            n["timeout_fraction"] = *e.timeoutFraction;
        if (e.triesPerRequest)
            n["tries_per_request"] = *e.triesPerRequest;
        appendMember(nodes, e.id.str(), std::move(n));
    }
    doc["nodes"] = std::move(nodes);
    doc["end_to_end_ms"] = Json{{"mean", optionalTime(a.endToEndMeanMs)},
                                {"read", optionalTime(a.endToEndReadMs)},
                                {"write", optionalTime(a.endToEndWriteMs)}};
    if (a.timeoutFraction)
        doc["timeout_fraction"] = *a.timeoutFraction;
    doc["bottleneck"] = a.bottleneck ? Json(a.bottleneck->str()) : Json();
    doc["max_scale"] = finiteOrNull(a.maxScale);
    Json spof = Json::array();
    for (const auto& id : a.singlePointsOfFailure)
        spof.push_back(id.str());
    doc["single_points_of_failure"] = std::move(spof);
    Json findings = Json::array();
    for (const auto& f : a.findings)
        findings.push_back(Json{{"severity", toString(f.severity)},
                                {"node", f.node.empty() ? Json() : Json(f.node.str())},
                                {"text", f.sentence()},
                                {"remedy", f.remedy.empty() ? Json() : Json(f.remedy)}});
    doc["findings"] = std::move(findings);
    doc["cost"] = costJson(a.cost);
    return doc;
}

std::string analysisToJsonText(const Analysis& a)
{
    return analysisToJson(a).dump(2) + "\n";
}

} // namespace scalelab::core
