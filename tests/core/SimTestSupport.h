#pragma once

// Builders shared by the simulator tests: topologies written in code, read back by node.

#include <cstdint>
#include <string>

#include <QtGlobal>

#include "core/model/Topology.h"
#include "core/sim/Results.h"

namespace scalelab::testsupport {

inline core::Node makeNode(const char* id, const char* kind, core::ParamMap params = {})
{
    core::Node n;
    n.id = core::NodeId(id);
    n.kind = core::KindId(kind);
    n.params = std::move(params);
    return n;
}

/// A request link with a one-way latency (none when 0).
inline core::Link makeLink(const char* from, const char* to, double latencyMs = 0)
{
    core::Link l;
    l.from = core::NodeId(from);
    l.to = core::NodeId(to);
    if (latencyMs > 0)
        l.params["latency_ms"] = latencyMs;
    return l;
}

inline const core::sim::NodeResults& nodeOf(const core::sim::RunResults& r, const std::string& id)
{
    for (const auto& n : r.nodes)
        if (n.id == id)
            return n;
    qFatal("no node %s", id.c_str());
}

// ---- two data centers (tst_sim_sites, tst_site_loss) ----

namespace sites {
inline constexpr double kRate = 200;     ///< requests/s of the European users
inline constexpr double kDetectS = 10;   ///< the DNS notices a dead entry this late
inline constexpr double kTtlS = 30;      ///< users keep an answer this long
inline constexpr double kFailAtS = 40;   ///< when the European site fails
inline constexpr double kWriteRps = 500; ///< writes/s to replicatedAcrossSites()'s master
} // namespace sites

/// European users behind a geo DNS, a web server in each site (10 ms and 60 ms away, 5 ms
/// of constant service); the European site fails at kFailAtS and, when `recoverAtS` > 0,
/// comes back then.
inline core::Topology twoSites(double durationS, std::uint64_t seed, double recoverAtS = 0)
{
    using namespace sites;
    core::Topology t;
    t.simulation = {durationS, 0.0, seed};
    const auto web = [](const char* id, const char* site) {
        return makeNode(id, "web_server",
                        {{"workers", std::int64_t{1000}},
                         {"service_ms", 5.0},
                         {"service_dist", std::string("constant")},
                         {"site", std::string(site)}});
    };
    t.nodes = {
        makeNode("users", "client",
                 {{"rate_rps", kRate},
                  {"read_ratio", 1.0},
                  {"dns_lookup_ratio", 0.0},
                  {"dns_ttl_s", kTtlS},
                  {"site", std::string("eu")}}),
        makeNode("dns", "dns", {{"routing", std::string("geo")}, {"detect_s", kDetectS}}),
        web("web-eu", "eu"),
        web("web-us", "us"),
    };
    // The far entry first in the file: the site, not the order, decides.
    t.links = {makeLink("users", "dns"), makeLink("users", "web-us", 60),
               makeLink("users", "web-eu", 10)};
    core::ScenarioAction fail;
    fail.atS = kFailAtS;
    fail.action = core::ActionType::FailSite;
    fail.site = "eu";
    t.scenario = {fail};
    if (recoverAtS > 0) {
        core::ScenarioAction recover = fail;
        recover.atS = recoverAtS;
        recover.action = core::ActionType::RecoverSite;
        t.scenario.push_back(recover);
    }
    return t;
}

/// Users -> web -> master in site eu (kWriteRps writes/s), replicated to site us over 40 ms
/// with `mode` and `lagMs`; with `failSite`, site eu fails at 30 s of the 40.
inline core::Topology replicatedAcrossSites(const char* mode, double lagMs, std::uint64_t seed = 1,
                                            bool failSite = false)
{
    core::Topology t;
    t.simulation = {40.0, 0.0, seed};
    const auto db = [](const char* id, const char* site, core::ParamMap more) {
        more["connections"] = std::int64_t{64};
        more["read_ms"] = 1.0;
        more["write_ms"] = 1.0;
        more["site"] = std::string(site);
        return makeNode(id, "database", std::move(more));
    };
    t.nodes = {
        makeNode("users", "client", {{"rate_rps", 2 * sites::kWriteRps}, {"read_ratio", 0.5}}),
        makeNode("web", "web_server", {{"workers", std::int64_t{512}}, {"service_ms", 0.1}}),
        db("db-eu", "eu", {{"detect_s", 2.0}, {"promote_s", 2.0}}),
        db("db-us", "us", {{"role", std::string("replica")}}),
    };
    core::Link repl = makeLink("db-eu", "db-us", 40);
    repl.kind = core::LinkKind::Replication;
    repl.params["lag_ms"] = lagMs;
    repl.params["mode"] = std::string(mode);
    t.links = {makeLink("users", "web"), makeLink("web", "db-eu"), repl};
    if (failSite) {
        core::ScenarioAction fail;
        fail.atS = 30;
        fail.action = core::ActionType::FailSite;
        fail.site = "eu";
        t.scenario = {fail};
    }
    return t;
}

} // namespace scalelab::testsupport
