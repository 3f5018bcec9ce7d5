#include "core/analysis/RetryStorm.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "core/analysis/LoadModel.h"

namespace scalelab::core {

namespace {

bool retriesOnTimeout(const Topology& t, const RoutingPlan& plan, std::size_t i)
{
    return plan.nodes[i].isClient && plan.nodes[i].hasEntry && plan.nodes[i].rateRps > 0 &&
           t.nodes[i].number("timeout_ms") > 0 && t.nodes[i].integer("retries") > 0;
}

bool cancelsAbandoned(const Node& n)
{
    return n.spec() && n.spec()->param("cancel_on_timeout") && n.flag("cancel_on_timeout");
}

// What reaches a station from the retrying clients: the least slack (timeout minus the
// client's quiet mean response) among them, and the client it belongs to.
struct Reach {
    double slackMs = std::numeric_limits<double>::infinity();
    std::ptrdiff_t client = -1;
};

std::vector<Reach> reachOfRetryingClients(const Topology& t, const RoutingPlan& plan,
                                          const Analysis& a)
{
    std::vector<Reach> reach(t.nodes.size());
    for (std::size_t i : plan.order) {
        if (retriesOnTimeout(t, plan, i)) {
            const double response = a.nodes[i].meanResponseMs;
            const double slack =
                t.nodes[i].number("timeout_ms") - (std::isfinite(response) ? response : 0.0);
            if (slack < reach[i].slackMs)
                reach[i] = {slack, static_cast<std::ptrdiff_t>(i)};
        }
        if (reach[i].client < 0)
            continue;
        for (const RoutedCall& call : plan.nodes[i].calls) {
            // A job handed to a worker is not covered by the client's timeout.
            if (call.async || (call.pRead <= 0 && call.pWrite <= 0 && call.pStatic <= 0))
                continue;
            if (reach[i].slackMs < reach[call.target].slackMs)
                reach[call.target] = reach[i];
        }
    }
    return reach;
}

} // namespace

void retryStormFindings(const Topology& t, const RoutingPlan& plan, const Analysis& a,
                        std::vector<Finding>& out, NodeNaming naming)
{
    const std::size_t n = t.nodes.size();
    std::vector<double> stormTries(n, 1.0);
    bool any = false;
    for (std::size_t i = 0; i < n; ++i)
        if (retriesOnTimeout(t, plan, i)) {
            stormTries[i] = 1.0 + static_cast<double>(t.nodes[i].integer("retries"));
            any = true;
        }
    if (!any)
        return;
    // Every try of every retrying client times out: the offered load of the storm (queue
    // limits do not thin it: a rejected try is tried again too).
    const LoadState storm = computeLoad(t, plan, 1.0, false, &stormTries);
    const std::vector<Reach> reach = reachOfRetryingClients(t, plan, a);
    for (std::size_t i = 0; i < n; ++i) {
        const NodeRouting& r = plan.nodes[i];
        const NodeEstimate& quiet = a.nodes[i];
        const NodeEstimate& s = storm.nodes[i];
        if (!r.isQueue || r.traits.consumer || reach[i].client < 0 || !quiet.reached ||
            !quiet.stable || s.stable || s.arrivalRps <= quiet.arrivalRps)
            continue; // not reached by retries, saturated anyway (reported), or holds the storm
        if (cancelsAbandoned(t.nodes[i]))
            continue; // abandoned tries cost it nothing: its capacity goes to live ones
        // A full queue holds a try about queue_limit x S / c: shorter than the time the
        // client's timeout leaves it, every try it accepts is answered in time.
        const double perPlace =
            quiet.serviceMs / static_cast<double>(std::max<std::int64_t>(quiet.servers, 1));
        const double slack = reach[i].slackMs;
        if (r.queueLimit > 0 && static_cast<double>(r.queueLimit) * perPlace < slack)
            continue;
        const Node& client = t.nodes[static_cast<std::size_t>(reach[i].client)];
        const double capacity = s.arrivalRps / s.offeredLoad;
        const std::string queue =
            r.queueLimit > 0
                ? fmt::format("its queue (limit {}) holds a try about {:.0f} ms", r.queueLimit,
                              static_cast<double>(r.queueLimit) * perPlace)
                : std::string("its queue is unbounded");
        std::string remedy = fmt::format(
            "fewer retries on '{}', retry_backoff_ms (exponential, jittered) to spread them, ",
            nodeLabel(client, naming));
        if (t.nodes[i].spec() && t.nodes[i].spec()->param("cancel_on_timeout"))
            remedy += fmt::format("cancel_on_timeout on '{}', ", nodeLabel(t.nodes[i], naming));
        if (slack > perPlace)
            remedy += fmt::format("a queue_limit of at most {:.0f} (a full queue then "
                                  "answers within the timeout), ",
                                  std::floor(slack / perPlace));
        remedy += fmt::format("or capacity for {:.0f} req/s", s.arrivalRps);
        out.push_back(
            {Severity::Warning, quiet.id,
             fmt::format(
                 "A retry storm can keep '{}' down: it is {} busy now, but once a burst "
                 "or a slowdown makes tries time out, '{}' sends each request up to {} "
                 "times, {:.0f} req/s for a capacity of about {:.0f} ({} of it). It "
                 "still serves the tries whose client gave up and {}, past the {:.3g} "
                 "ms timeout: the timeouts sustain themselves and it may not recover "
                 "after the trouble ends (the estimates here are the quiet state).",
                 nodeLabel(t.nodes[i], naming), fmt::format("{:.0f}%", quiet.offeredLoad * 100),
                 nodeLabel(client, naming), client.integer("retries") + 1, s.arrivalRps, capacity,
                 fmt::format("{:.0f}%", s.offeredLoad * 100), queue, client.number("timeout_ms")),
             std::move(remedy)});
    }
}

} // namespace scalelab::core
