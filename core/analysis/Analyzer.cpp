#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "core/analysis/Analysis.h"
#include "core/analysis/FailureAnalysis.h"
#include "core/analysis/Findings.h"
#include "core/analysis/JobEstimate.h"
#include "core/analysis/LoadModel.h"
#include "core/analysis/RetryWave.h"
#include "core/analysis/RoutingPlan.h"
#include "core/analysis/TimeoutEstimate.h"
#include "core/cost/Cost.h"

namespace scalelab::core {

const NodeEstimate* Analysis::node(const NodeId& id) const
{
    for (const auto& n : nodes)
        if (n.id == id)
            return &n;
    return nullptr;
}

namespace analyzer_detail {

// What a client's requests meet at its timeout, per class: the share failed after all tries,
// the tries a request makes, and the mean latency of those answered.
struct ClientTimeouts {
    RequestOutcome read, write, stat;
};

// A try of one class (0 read, 1 write, 2 static) against the client's timeout. When the
// client's first hop is a station with cancel_on_timeout, the try is dropped there or
// served after a wait of its M/M/c+D law, then the rest of its time (tryThroughPatience:
// exact for one M/M/c station with nothing behind it). Otherwise, and for stations that
// cancel further down, the gamma fit of the served tries' time, and the tries dropped on
// the way fail.
TryOutcome tryOf(const RoutingPlan& plan, const LoadState& load, std::size_t i, int cls,
                 double timeout)
{
    const auto p = [cls](const RoutedCall& c) {
        return cls == 0 ? c.pRead : cls == 1 ? c.pWrite : c.pStatic;
    };
    const auto k = static_cast<std::size_t>(cls);
    const std::array<const std::vector<double>*, 3> mean{&load.readMs, &load.writeMs,
                                                         &load.staticMs};
    const std::array<const std::vector<double>*, 3> second{&load.readMs2, &load.writeMs2,
                                                           &load.staticMs2};
    const std::array<const std::vector<double>*, 3> kept{&load.readKept, &load.writeKept,
                                                         &load.staticKept};
    const RoutedCall* only = nullptr;
    int taken = 0;
    for (const RoutedCall& c : plan.nodes[i].calls)
        if (p(c) > 0) {
            only = &c;
            ++taken;
        }
    if (taken == 1 && p(*only) >= 1 && !only->async && load.patience[only->target]) {
        const std::size_t j = only->target;
        const ScaledPatience& q = *load.patience[j];
        const double wait = 1000.0 * q.meanWait(), wait2 = 1e6 * q.secondWait();
        const double restMean = (*mean[k])[j] - wait;
        const double restSecond = (*second[k])[j] - wait2 - 2 * wait * restMean;
        TryOutcome o = tryThroughPatience(q, restMean, restSecond, timeout - 2 * only->latencyMs);
        o.answeredMeanMs += 2 * only->latencyMs;
        const double served = 1 - q.dropShare();
        const double below = served > 0 ? (*kept[k])[j] / served : 1.0; // dropped further down
        o.timeoutShare = 1 - below * (1 - o.timeoutShare);
        return o;
    }
    TryOutcome o = tryAgainstTimeout((*mean[k])[i], (*second[k])[i], timeout);
    o.timeoutShare = 1 - (*kept[k])[i] * (1 - o.timeoutShare);
    return o;
}

// A retry's chance given that its try timed out (RetryWave.h), where the model holds: the
// client's only hop is one station with exponential service, Poisson arrivals, no queue
// limit and nothing downstream, which every try of the client reaches. Empty otherwise (the
// tries are then taken as independent). `tries`: the client's tries per request so far.
std::optional<RetryStation> retryStation(const Node& client, const RoutingPlan& plan,
                                         const LoadState& load, std::size_t i, double tries)
{
    const int retries = static_cast<int>(client.integer("retries"));
    const NodeRouting& r = plan.nodes[i];
    if (retries <= 0 || r.calls.size() != 1 || r.calls[0].async)
        return std::nullopt;
    const RoutedCall& call = r.calls[0];
    const double share = call.pRead * (1 - r.staticRatio) * r.readRatio +
                         call.pWrite * (1 - r.staticRatio) * (1 - r.readRatio) +
                         call.pStatic * r.staticRatio;
    const std::size_t j = call.target;
    const NodeRouting& station = plan.nodes[j];
    const NodeEstimate& e = load.nodes[j];
    if (share < 1 - 1e-9 || !station.isQueue || station.queueLimit > 0 || !station.calls.empty() ||
        station.serviceScv != 1.0 || std::abs(e.arrivalScv - 1.0) > 1e-9 || e.servers < 1)
        return std::nullopt;
    RetryStation s;
    s.arrivalRate = e.arrivalRps / 1000.0;
    s.freshRate = r.rateRps / 1000.0;
    s.ownTryRate = s.freshRate * tries;
    s.servers = e.servers;
    s.serviceMs = e.serviceMs;
    if (load.patience[j])
        s.patienceMs = 1000.0 * load.patience[j]->patience();
    s.timeoutMs = client.number("timeout_ms");
    s.budgetMs = s.timeoutMs - 2 * call.latencyMs;
    s.backoffMs = client.number("retry_backoff_ms");
    s.retries = retries;
    return s;
}

// `chances`: each try's chance given that the one before timed out (retryChances), or
// empty for independent tries; the first try's own estimate replaces chances[0] (exact for
// M/M/c(+D)), so held chances follow the load for it.
ClientTimeouts timeoutsOf(const Node& client, const RoutingPlan& plan, const LoadState& load,
                          std::size_t i, const std::vector<double>& chances)
{
    const double timeout = client.number("timeout_ms");
    const int retries = static_cast<int>(client.integer("retries"));
    const double backoff = client.number("retry_backoff_ms");
    const auto outcome = [&](int cls) {
        const TryOutcome first = tryOf(plan, load, i, cls, timeout);
        if (chances.empty())
            return requestWithRetries(first, timeout, retries, backoff);
        std::vector<double> given = chances;
        given[0] = first.timeoutShare;
        return requestWithRetries(first, timeout, retries, backoff, given);
    };
    return {outcome(0), outcome(1), outcome(2)};
}

std::vector<double> retryChances(const Topology& t, const RoutingPlan& plan, const LoadState& load,
                                 std::size_t i, double tries, double& work)
{
    if (const auto s = retryStation(t.nodes[i], plan, load, i, tries))
        return retryTimeoutChances(*s, work);
    return {};
}

bool hasTimeout(const Topology& t, const RoutingPlan& plan, std::size_t i)
{
    return plan.nodes[i].isClient && plan.nodes[i].hasEntry && t.nodes[i].number("timeout_ms") > 0;
}

// Class shares of a client's requests: reads, writes, static.
std::array<double, 3> classShares(const NodeRouting& r)
{
    const double dynamic = 1.0 - r.staticRatio;
    return {dynamic * r.readRatio, dynamic * (1.0 - r.readRatio), r.staticRatio};
}

// Timeouts in the flow: a try not answered within timeout_ms fails and, with `retries`, is
// tried again after a backoff, while the abandoned work is still served (without
// cancel_on_timeout a server does not know its client gave up). The tries multiply the
// client's rate, which lengthens the responses, which times more tries out: iterate to the
// fixed point (damped; it moves monotonically, so 200 rounds are plenty).
LoadState loadWithRetries(const Topology& t, const RoutingPlan& plan, std::vector<double>& tries,
                          std::vector<std::vector<double>>& chances)
{
    const std::size_t n = t.nodes.size();
    tries.assign(n, 1.0);
    chances.assign(n, {});
    LoadState load = computeLoad(t, plan, 1.0);
    bool anyRetries = false;
    for (std::size_t i = 0; i < n; ++i)
        anyRetries = anyRetries || (hasTimeout(t, plan, i) && t.nodes[i].integer("retries") > 0);
    if (!anyRetries)
        return load;
    // Independent tries first; then the retries' chances given a timeout (RetryWave, tens
    // of ms each) are computed where the fixed point settled and held while it settles
    // again, at most 3 times.
    int waves = 0;
    // The wave model's work for the whole analysis, cells x steps (about 6 ns each, so
    // 0.25 s): once spent, the clients left keep independent tries.
    double work = 4e7;
    // The damped steps close in geometrically: every third round jumps to the limit of the
    // last three (Aitken's delta-squared), where they move enough to tell it.
    std::vector<std::array<double, 3>> seen(n);
    for (int round = 0; round < 200; ++round) {
        double moved = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!hasTimeout(t, plan, i))
                continue;
            const ClientTimeouts c = timeoutsOf(t.nodes[i], plan, load, i, chances[i]);
            const auto w = classShares(plan.nodes[i]);
            const double wanted = w[0] * c.read.triesPerRequest + w[1] * c.write.triesPerRequest +
                                  w[2] * c.stat.triesPerRequest;
            double next = 0.5 * (tries[i] + wanted);
            auto& last = seen[i];
            last = {last[1], last[2], next};
            const double d1 = last[1] - last[0], d2 = last[2] - last[1];
            if (round % 3 == 2 && std::abs(d2) > 1e-7 && d1 * d2 > 0 &&
                std::abs(d2) < std::abs(d1)) {
                const double jump = last[2] - d2 * d2 / (d2 - d1);
                const double most = 1.0 + static_cast<double>(t.nodes[i].integer("retries"));
                next = std::clamp(jump, 1.0, most);
                last[2] = next;
            }
            moved = std::max(moved, std::abs(next - tries[i]));
            tries[i] = next;
        }
        load = computeLoad(t, plan, 1.0, true, &tries);
        if (moved >= 1e-9)
            continue;
        if (waves == 3)
            break;
        ++waves;
        double changed = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!hasTimeout(t, plan, i))
                continue;
            std::vector<double> next = retryChances(t, plan, load, i, tries[i], work);
            if (next.empty()) // out of work (or of a steady state): the last ones are held
                continue;
            for (std::size_t k = 1; k < std::max(next.size(), chances[i].size()); ++k)
                changed = std::max(changed, k < next.size() && k < chances[i].size()
                                                ? std::abs(next[k] - chances[i][k])
                                                : 1.0);
            chances[i] = std::move(next);
        }
        if (changed < 1e-4)
            break;
    }
    return load;
}

} // namespace analyzer_detail

Analysis analyze(const Topology& t, NodeNaming naming)
{
    Analysis a;
    a.name = t.name;
    a.cost = costOf(t);
    const TopologyIndex index(t);
    const RoutingPlan plan = buildRoutingPlan(t, index);
    if (!plan.acyclic) {
        for (const auto& n : t.nodes) {
            NodeEstimate e;
            e.id = n.id;
            e.kind = n.kind.str();
            e.source = n.spec() && n.spec()->traits.source;
            a.nodes.push_back(e);
        }
        a.findings.push_back(
            {Severity::Error, {}, "Request links form a loop: no estimate is possible.", {}});
        return a;
    }
    using namespace analyzer_detail;
    std::vector<double> tries;
    std::vector<std::vector<double>> chances;
    const LoadState load = loadWithRetries(t, plan, tries, chances);
    a.nodes = load.nodes;
    estimateJobs(t, plan, a.nodes);

    // End to end, over the requests answered (as the simulator's latency_ms): a client with
    // a timeout counts those answered in time, each with its latency given that.
    double weightAll = 0, sumAll = 0, weightR = 0, sumR = 0, weightW = 0, sumW = 0;
    double sent = 0, timedOut = 0;
    for (std::size_t i = 0; i < plan.nodes.size(); ++i) {
        const NodeRouting& r = plan.nodes[i];
        if (!r.isClient || r.rateRps <= 0 || !r.hasEntry)
            continue;
        const auto w = classShares(r);
        std::array<double, 3> mean{load.readMs[i], load.writeMs[i], load.staticMs[i]};
        std::array<double, 3> done{1.0, 1.0, 1.0};
        if (hasTimeout(t, plan, i)) {
            const ClientTimeouts c = timeoutsOf(t.nodes[i], plan, load, i, chances[i]);
            mean = {c.read.completedMeanMs, c.write.completedMeanMs, c.stat.completedMeanMs};
            // failedShare is exactly 1 when nothing is answered (its mean is then +inf).
            done = {1 - c.read.failedShare, 1 - c.write.failedShare, 1 - c.stat.failedShare};
            const double failed =
                w[0] * c.read.failedShare + w[1] * c.write.failedShare + w[2] * c.stat.failedShare;
            NodeEstimate& e = a.nodes[i];
            e.timeoutFraction = failed;
            if (t.nodes[i].integer("retries") > 0)
                e.triesPerRequest = tries[i];
            sent += r.rateRps;
            timedOut += r.rateRps * failed;
        }
        double clientWeight = 0, clientSum = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            const double weight = r.rateRps * w[k] * done[k];
            if (weight <= 0)
                continue;
            clientWeight += weight;
            clientSum += weight * mean[k];
        }
        if (clientWeight > 0)
            a.nodes[i].meanResponseMs = clientSum / clientWeight;
        weightAll += clientWeight;
        sumAll += clientSum;
        if (r.rateRps * w[0] * done[0] > 0) {
            weightR += r.rateRps * w[0] * done[0];
            sumR += r.rateRps * w[0] * done[0] * mean[0];
        }
        if (r.rateRps * w[1] * done[1] > 0) {
            weightW += r.rateRps * w[1] * done[1];
            sumW += r.rateRps * w[1] * done[1] * mean[1];
        }
    }
    if (weightAll > 0)
        a.endToEndMeanMs = sumAll / weightAll;
    if (weightR > 0)
        a.endToEndReadMs = sumR / weightR;
    if (weightW > 0)
        a.endToEndWriteMs = sumW / weightW;
    if (sent > 0)
        a.timeoutFraction = timedOut / sent;

    double busiest = 0;
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeEstimate& e = a.nodes[i];
        if (plan.nodes[i].isQueue && e.reached && e.offeredLoad > busiest) {
            busiest = e.offeredLoad;
            a.bottleneck = e.id;
        }
    }
    a.maxScale = maxScale(t, plan);
    for (std::size_t i : singlePointsOfFailure(t, plan))
        a.singlePointsOfFailure.push_back(t.nodes[i].id);
    a.findings = findingsFor(t, plan, a, naming);
    return a;
}

} // namespace scalelab::core
