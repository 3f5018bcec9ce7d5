#pragma once

// Random valid designs for property tests and fuzz targets: a client or two, maybe DNS,
// maybe a load balancer over up to four web servers, maybe a cache and a master with up
// to two replicas; parameters anywhere in their ranges; a few random scenario steps.
// Core only (no Qt): the libFuzzer targets use it too.

#include <initializer_list>
#include <random>
#include <string>

#include "core/model/Topology.h"

namespace scalelab::testsupport {

using namespace scalelab::core;

class RandomDesign {
public:
    explicit RandomDesign(unsigned seed) : m_rng(seed) {}

    Topology make()
    {
        Topology t;
        t.name = "random";
        t.simulation = {uniform(3, 12), uniform(0, 1.5), static_cast<std::uint64_t>(pick(1000))};
        const bool withDns = coin();
        if (withDns)
            add(t, "dns", "dns", queueParams(t));
        const bool withLb = coin();
        const int webs = withLb ? 1 + pick(4) : 1;
        std::string entry = "web0";
        if (withLb) {
            ParamMap p = queueParams(t);
            p["algorithm"] = oneOf({"round_robin", "random", "least_connections", "weighted"});
            p["health_check_interval_s"] = uniform(0.2, 3);
            p["unhealthy_threshold"] = std::int64_t(1 + pick(3));
            p["healthy_threshold"] = std::int64_t(1 + pick(3));
            p["retry_on_failure"] = coin();
            p["service_ms"] = uniform(0, 0.5);
            add(t, "lb", "load_balancer", p);
            entry = "lb";
        }
        const bool withCache = coin();
        const bool withDb = coin() || withCache;
        const int replicas = withDb ? pick(3) : 0;
        for (int w = 0; w < webs; ++w) {
            ParamMap p = queueParams(t);
            p["concurrency_model"] = oneOf({"async", "blocking"});
            if (withLb)
                p["network"] = std::string("private");
            add(t, "web" + std::to_string(w), "web_server", p);
            if (withLb)
                link(t, "lb", "web" + std::to_string(w), {{"weight", uniform(0.5, 3)}});
            if (withCache)
                link(t, "web" + std::to_string(w), "cache");
            if (withDb)
                link(t, "web" + std::to_string(w), "db");
        }
        if (withCache) {
            ParamMap p = queueParams(t);
            if (coin())
                p["capacity_keys"] = std::int64_t(1 + pick(500));
            else
                p["hit_ratio"] = uniform(0, 1);
            add(t, "cache", "cache", p);
        }
        if (withDb) {
            ParamMap p = dbParams(t);
            p["role"] = std::string("master");
            p["failover"] = oneOf({"auto", "manual"});
            add(t, "db", "database", p);
            for (int r = 0; r < replicas; ++r) {
                ParamMap rp = dbParams(t);
                rp["role"] = std::string("replica");
                add(t, "db-r" + std::to_string(r), "database", rp);
                t.links.push_back({NodeId{"db"},
                                   NodeId{"db-r" + std::to_string(r)},
                                   LinkKind::Replication,
                                   {{"lag_ms", uniform(0, 200)}}});
            }
        }
        const int clients = 1 + pick(2);
        for (int c = 0; c < clients; ++c) {
            const std::string id = "users" + std::to_string(c);
            ParamMap p{{"rate_rps", uniform(5, 400)}, {"arrival", oneOf({"poisson", "constant"})},
                       {"read_ratio", uniform(0, 1)}, {"key_space", std::int64_t(1 + pick(2000))},
                       {"key_skew", uniform(0, 1.5)}, {"dns_lookup_ratio", uniform(0, 1)}};
            if (coin())
                p["timeout_ms"] = uniform(5, 800);
            add(t, id, "client", p);
            link(t, id, entry);
            if (withDns)
                link(t, id, "dns");
        }
        const int steps = pick(4);
        for (int s = 0; s < steps; ++s) {
            const Node& n =
                t.nodes[static_cast<std::size_t>(pick(static_cast<int>(t.nodes.size())))];
            const double at = uniform(0, t.simulation.durationS);
            const int kind = pick(4);
            if (kind == 0)
                t.scenario.push_back({at, ActionType::Fail, n.id, {}, {}, {}});
            else if (kind == 1)
                t.scenario.push_back({at, ActionType::Recover, n.id, {}, {}, {}});
            else if (kind == 2 && n.is("client"))
                t.scenario.push_back({at, ActionType::Set, n.id, "rate_rps", uniform(1, 600), {}});
            else if (kind == 3 && n.is("database") && n.text("role") == "replica")
                t.scenario.push_back({at, ActionType::Promote, n.id, {}, {}, {}});
        }
        return t;
    }

private:
    std::mt19937 m_rng;

    double uniform(double a, double b)
    {
        return std::uniform_real_distribution<double>(a, b)(m_rng);
    }
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    bool coin() { return pick(2) == 0; }
    std::string oneOf(std::initializer_list<const char*> options)
    {
        return *(options.begin() + pick(static_cast<int>(options.size())));
    }
    ParamMap queueParams(const Topology&)
    {
        ParamMap p{{"workers", std::int64_t(1 + pick(16))},
                   {"service_ms", uniform(0.05, 30)},
                   {"service_dist", oneOf({"exponential", "constant", "lognormal"})},
                   {"service_cv", uniform(0.1, 2)},
                   {"speed", uniform(0.5, 4)}};
        if (coin())
            p["queue_limit"] = std::int64_t(1 + pick(200));
        return p;
    }
    ParamMap dbParams(const Topology& t)
    {
        ParamMap p = queueParams(t);
        p.erase("service_ms");
        p.erase("workers");
        p["connections"] = std::int64_t(1 + pick(32));
        p["read_ms"] = uniform(0.1, 20);
        p["write_ms"] = uniform(0.1, 40);
        p["engine"] = oneOf({"relational", "nosql"});
        p["detect_s"] = uniform(0, 3);
        p["promote_s"] = uniform(0, 3);
        return p;
    }
    static void add(Topology& t, const std::string& id, const char* kind, ParamMap p)
    {
        t.nodes.push_back(Node{NodeId{id}, KindId{kind}, {}, {0, 0}, std::move(p)});
    }
    static void link(Topology& t, const std::string& a, const std::string& b, ParamMap p = {})
    {
        t.links.push_back({NodeId{a}, NodeId{b}, LinkKind::Request, std::move(p)});
    }
};

} // namespace scalelab::testsupport
