// libFuzzer entry: random actions at random times against random valid designs. Whatever
// the timeline (fail, recover, set any parameter to any value in its range, promote, many
// steps at one instant, sites failing, CDN purges and reshards over pools, CDNs, queues and
// shards), a run must not crash, must conserve requests (each one generated
// is completed, failed or still somewhere: on a link, queued, in service or waiting out a
// retry's backoff) and keep every utilisation and up fraction
// within [0, 1].
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>
#include <set>
#include <string>
#include <vector>

#include "../core/RandomDesign.h"
#include "core/model/KindRegistry.h"
#include "core/sim/Simulation.h"
#include "core/validation/Validator.h"

namespace {

using namespace scalelab::core;
using namespace scalelab::core::sim;

[[noreturn]] void broken(const char* what, double value)
{
    std::fprintf(stderr, "scenario fuzz: %s (%g)\n", what, value);
    std::abort();
}

ParamValue valueFor(const ParamSpec& p, FuzzedDataProvider& in)
{
    switch (p.type) {
    case ParamType::Boolean:
        return in.ConsumeBool();
    case ParamType::Choice:
        return p.choices.empty()
                   ? std::string()
                   : p.choices[in.ConsumeIntegralInRange<std::size_t>(0, p.choices.size() - 1)];
    case ParamType::Integer: {
        // Anywhere in range, small values more often: they keep the run short.
        const auto lo = static_cast<std::int64_t>(p.min);
        const auto hi = static_cast<std::int64_t>(std::min(p.max, in.ConsumeBool() ? 64.0 : p.max));
        return in.ConsumeIntegralInRange<std::int64_t>(lo, std::max(lo, hi));
    }
    case ParamType::Real: {
        const double lo = p.minExclusive ? std::max(p.min, 1e-12) : p.min;
        if (in.ConsumeBool())
            return in.ConsumeBool() ? lo : p.max; // the very edges of the range
        return in.ConsumeFloatingPointInRange(lo, std::max(lo, p.max));
    }
    case ParamType::Text:
        // A name such as a site: short, and often one another node already carries.
        return in.ConsumeBool() ? std::string(in.ConsumeBool() ? "eu" : "us")
                                : in.ConsumeRandomLengthString(8);
    }
    return 0.0;
}

void addNode(Topology& t, const std::string& id, const char* kind, ParamMap params = {})
{
    t.nodes.push_back(Node{NodeId{id}, KindId{kind}, {}, {0, 0}, std::move(params)});
}

// The later chapters' kinds on top of a random design: web pools (instances, autoscaling),
// a CDN over an object store serving the clients' static requests, a queue with workers
// fed by the first web server, a sharded master; the scenario purges the CDN, reshards
// and fails or recovers the new nodes.
void addLaterKinds(Topology& t, FuzzedDataProvider& in)
{
    const auto real = [&](double lo, double hi) { return in.ConsumeFloatingPointInRange(lo, hi); };
    const auto count = [&](int lo, int hi) {
        return static_cast<std::int64_t>(in.ConsumeIntegralInRange(lo, hi));
    };
    const double end = t.simulation.durationS;
    bool hasWeb = false, hasMaster = false;
    std::vector<NodeId> added;
    for (Node& n : t.nodes) {
        if (n.kind == KindId{"web_server"}) {
            hasWeb = true;
            if (in.ConsumeBool())
                n.params["instances"] = count(1, 4);
            if (in.ConsumeBool()) {
                n.params["autoscale"] = true;
                n.params["min_instances"] = count(1, 2);
                n.params["max_instances"] = count(2, 6);
                n.params["target_utilization"] = real(0.2, 0.9);
                n.params["evaluate_s"] = real(0.2, 2);
                n.params["boot_s"] = real(0, 2);
                n.params["cooldown_s"] = real(0, 2);
            }
        }
        if (n.kind == KindId{"database"} && n.text("role") != "replica")
            hasMaster = true;
    }
    if (in.ConsumeBool()) {
        ParamMap cdn;
        if (in.ConsumeBool())
            cdn["ttl_s"] = real(0.1, 5);
        else
            cdn["hit_ratio"] = real(0, 1);
        cdn["fallback"] = in.ConsumeBool();
        addNode(t, "cdn", "cdn", cdn);
        addNode(t, "store", "object_store");
        t.links.push_back({NodeId{"cdn"}, NodeId{"store"}, LinkKind::Request, {}});
        for (std::size_t i = 0, n = t.nodes.size(); i < n; ++i)
            if (t.nodes[i].kind == KindId{"client"}) {
                t.nodes[i].params["static_ratio"] = real(0, 1);
                t.nodes[i].params["object_space"] = count(1, 500);
                t.nodes[i].params["object_skew"] = real(0, 2);
                t.links.push_back({t.nodes[i].id, NodeId{"cdn"}, LinkKind::Request, {}});
            }
        added.insert(added.end(), {NodeId{"cdn"}, NodeId{"store"}});
        for (int p = in.ConsumeIntegralInRange(0, 3); p > 0; --p)
            t.scenario.push_back({real(0, end), ActionType::Purge, NodeId{"cdn"}, {}, {}, {}});
    }
    if (hasWeb && in.ConsumeBool()) {
        t.findNode(NodeId{"web0"})->params["publish_ratio"] = real(0, 1);
        ParamMap queue;
        if (in.ConsumeBool())
            queue["capacity"] = count(1, 100);
        addNode(t, "queue", "message_queue", queue);
        addNode(
            t, "worker", "worker",
            {{"workers", count(1, 4)}, {"service_ms", real(0.5, 50)}, {"instances", count(1, 3)}});
        t.links.push_back({NodeId{"web0"}, NodeId{"queue"}, LinkKind::Publish, {}});
        t.links.push_back({NodeId{"queue"}, NodeId{"worker"}, LinkKind::Consume, {}});
        if (hasMaster && in.ConsumeBool())
            t.links.push_back({NodeId{"worker"}, NodeId{"db"}, LinkKind::Request, {}});
        added.insert(added.end(), {NodeId{"queue"}, NodeId{"worker"}});
    }
    if (hasMaster && in.ConsumeBool()) {
        Node* db = t.findNode(NodeId{"db"});
        db->params["shards"] = count(1, 4);
        db->params["sharding"] = std::string(in.ConsumeBool() ? "hash" : "consistent");
        db->params["virtual_nodes"] = count(1, 50);
        for (int r = in.ConsumeIntegralInRange(0, 2); r > 0; --r)
            t.scenario.push_back(
                {real(0, end), ActionType::Set, NodeId{"db"}, "shards", count(1, 6), {}});
    }
    for (int s = in.ConsumeIntegralInRange(0, 4); s > 0 && !added.empty(); --s)
        t.scenario.push_back({real(0, end),
                              in.ConsumeBool() ? ActionType::Fail : ActionType::Recover,
                              added[in.ConsumeIntegralInRange<std::size_t>(0, added.size() - 1)],
                              {},
                              {},
                              {}});
}

// Removes the scenario steps validation refuses; false when anything else is refused.
bool dropRefusedSteps(Topology& t)
{
    std::set<std::size_t> refused;
    for (const Diagnostic& d : validate(t)) {
        if (d.severity != Severity::Error)
            continue;
        std::size_t step = 0;
        if (std::sscanf(d.path.c_str(), "/scenario/%zu", &step) != 1)
            return false;
        refused.insert(step);
    }
    for (auto it = refused.rbegin(); it != refused.rend(); ++it)
        if (*it < t.scenario.size())
            t.scenario.erase(t.scenario.begin() + static_cast<std::ptrdiff_t>(*it));
    return refused.empty() || !hasErrors(validate(t));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider in(data, size);
    scalelab::testsupport::RandomDesign design(in.ConsumeIntegral<std::uint32_t>());
    Topology t = design.make();
    t.simulation.durationS = in.ConsumeFloatingPointInRange(0.5, 6.0);
    t.simulation.warmupS = in.ConsumeFloatingPointInRange(0.0, t.simulation.durationS / 2);
    t.scenario.clear();
    const int steps = in.ConsumeIntegralInRange(0, 48);
    double instant = 0; // steps often share an instant: the order among them matters
    for (int s = 0; s < steps && in.remaining_bytes() > 0; ++s) {
        const Node& n = t.nodes[in.ConsumeIntegralInRange<std::size_t>(0, t.nodes.size() - 1)];
        if (!in.ConsumeBool())
            instant = in.ConsumeFloatingPointInRange(0.0, t.simulation.durationS);
        ScenarioAction a{instant, ActionType::Fail, n.id, {}, {}, {}};
        switch (in.ConsumeIntegralInRange(0, 3)) {
        case 0:
            break;
        case 1:
            a.action = ActionType::Recover;
            break;
        case 2: {
            a.action = ActionType::Set;
            const KindSpec* spec = n.spec();
            if (!spec || spec->params.empty())
                continue;
            const ParamSpec& p =
                spec->params[in.ConsumeIntegralInRange<std::size_t>(0, spec->params.size() - 1)];
            a.param = p.name;
            a.value = valueFor(p, in);
            break;
        }
        default:
            a.action = ActionType::Promote;
            break;
        }
        t.scenario.push_back(a);
    }
    // Data centers: every node in site "eu" or "us", behind a geo DNS when there is one,
    // and whole sites failing and recovering. Decided after the steps above, so inputs
    // saved before sites existed still decode to the same timeline.
    if (in.remaining_bytes() > 0 && in.ConsumeBool()) {
        for (Node& n : t.nodes) {
            n.params["site"] = std::string(in.ConsumeBool() ? "eu" : "us");
            if (n.spec() && n.spec()->param("routing") && in.ConsumeBool())
                n.params["routing"] = std::string("geo");
        }
        const int siteSteps = in.ConsumeIntegralInRange(0, 6);
        for (int s = 0; s < siteSteps && in.remaining_bytes() > 0; ++s) {
            ScenarioAction a{in.ConsumeFloatingPointInRange(0.0, t.simulation.durationS),
                             in.ConsumeBool() ? ActionType::FailSite : ActionType::RecoverSite,
                             {},
                             {},
                             {},
                             in.ConsumeBool() ? "eu" : "us"};
            t.scenario.push_back(a);
        }
    }
    // Decided last, for the same reason.
    if (in.remaining_bytes() > 0 && in.ConsumeBool())
        addLaterKinds(t, in);
    // A step the format refuses (promote of a master, shards set on a replica, ...) is
    // dropped rather than the whole input: most long timelines hold one.
    if (!dropRefusedSteps(t))
        return 0; // the design itself is refused: not a run

    SimulationOptions options;
    options.maxEvents = 3'000'000; // bounded time per input; a capped run must still hold up
    Simulation sim(t, options);
    sim.run();
    const Snapshot end = sim.snapshot();
    const RunResults r = sim.results();

    if (end.generated < end.completed + end.failed)
        broken("more requests answered than generated", static_cast<double>(end.generated));
    std::uint64_t somewhere = end.inFlightTotal;
    for (const auto& n : end.nodes)
        somewhere += n.queueLength + n.busy + n.retrying;
    const std::uint64_t open = end.generated - end.completed - end.failed;
    if (open > somewhere)
        broken("requests vanished", static_cast<double>(open - somewhere));
    if (r.unfinished != open)
        broken("requests.unfinished differs from the requests open",
               static_cast<double>(r.unfinished));
    for (const auto& n : r.nodes) {
        if (!(n.utilization >= 0 && n.utilization <= 1 + 1e-9))
            broken("utilization outside [0, 1]", n.utilization);
        if (!(n.upFraction >= 0 && n.upFraction <= 1 + 1e-9))
            broken("up fraction outside [0, 1]", n.upFraction);
    }
    if (!(r.availability >= 0 && r.availability <= 1))
        broken("availability outside [0, 1]", r.availability);
    return 0;
}
