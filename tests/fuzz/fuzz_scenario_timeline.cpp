// libFuzzer entry: random actions at random times against random valid designs. Whatever
// the timeline (fail, recover, set any parameter to any value in its range, promote, many
// steps at one instant), a run must not crash, must conserve requests (each one generated
// is completed, failed or still somewhere: on a link, queued, in service or waiting out a
// retry's backoff) and keep every utilisation and up fraction
// within [0, 1].
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fuzzer/FuzzedDataProvider.h>

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
    if (hasErrors(validate(t)))
        return 0; // a step the format refuses (promote of a master, ...): not a run

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
