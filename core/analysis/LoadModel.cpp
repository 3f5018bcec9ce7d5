#include "core/analysis/LoadModel.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/analysis/ErlangC.h"
#include "core/analysis/FiniteQueue.h"
#include "core/analysis/GgcQueue.h"

namespace scalelab::core {

namespace load_detail {

constexpr double kLoadInf = std::numeric_limits<double>::infinity();

// Mean of a mixture of classes with means h_k (weights w_k), and its squared coefficient
// of variation when each class has SCV `scv`: E[S^2] = sum w_k (1 + scv) h_k^2.
struct ServiceMixture {
    double mean = 0;
    double scv = 1;
};

// A third class (static assets) with weight 0 adds exact zeros: two-class figures are
// unchanged bit for bit.
ServiceMixture serviceMixture(double wRead, double hRead, double wWrite, double hWrite, double scv,
                              double wStatic = 0, double hStatic = 0)
{
    const double total = wRead + wWrite + wStatic;
    if (total <= 0)
        return {hRead, scv};
    const double pr = wRead / total;
    const double pw = wWrite / total;
    const double ps = wStatic / total;
    ServiceMixture m;
    m.mean =
        (pr > 0 ? pr * hRead : 0.0) + (pw > 0 ? pw * hWrite : 0.0) + (ps > 0 ? ps * hStatic : 0.0);
    if (!std::isfinite(m.mean) || m.mean <= 0) {
        m.scv = scv;
        return m;
    }
    const double second =
        (1 + scv) * ((pr > 0 ? pr * hRead * hRead : 0.0) + (pw > 0 ? pw * hWrite * hWrite : 0.0) +
                     (ps > 0 ? ps * hStatic * hStatic : 0.0));
    m.scv = std::max(0.0, second / (m.mean * m.mean) - 1.0);
    return m;
}

// A sharded node: each shard its own station with its share of the requests. The node's
// figures are the shards' together, its offered load the hottest shard's (which saturates
// first). Both classes split alike: the shard map does not look at the class.
void splitOverShards(const NodeRouting& r, const ServiceMixture& hold, const ArrivalFlow& flow,
                     bool exponential, bool applyQueueLimits, NodeEstimate& e)
{
    e.shards.clear();
    double wait = 0, response = 0, hottest = 0;
    bool stable = true;
    for (double share : r.shardShares) {
        ShardEstimate s;
        s.share = share;
        s.arrivalRps = e.arrivalRps * share;
        // The shard map picks by key hash: a random split of the node's stream.
        const QueueEstimate q = ggc(s.arrivalRps, hold.mean / 1000.0, r.servers, hold.scv,
                                    thinned(flow, share), exponential);
        s.utilization = q.utilization;
        s.stable = q.stable;
        s.meanWaitMs = q.meanWait * 1000.0;
        s.meanResponseMs = s.arrivalRps > 0 ? q.meanResponse * 1000.0 : hold.mean;
        if (applyQueueLimits && r.queueLimit > 0 && std::isfinite(hold.mean)) {
            const FiniteQueueEstimate f =
                mmck(s.arrivalRps, hold.mean / 1000.0, r.servers, r.queueLimit, hold.scv);
            s.meanWaitMs = f.meanWait * 1000.0;
            s.meanResponseMs = s.arrivalRps > 0 ? f.meanResponse * 1000.0 : hold.mean;
        }
        wait += share * s.meanWaitMs;
        response += share * s.meanResponseMs;
        hottest = std::max(hottest, s.utilization);
        stable = stable && s.stable;
        e.shards.push_back(s);
    }
    const double n = static_cast<double>(r.shardShares.size());
    e.servers = r.servers * static_cast<std::int64_t>(n);
    e.utilization = e.arrivalRps * hold.mean / 1000.0 / static_cast<double>(e.servers);
    e.offeredLoad = hottest;
    e.stable = stable;
    e.meanWaitMs = wait;
    e.meanResponseMs = e.arrivalRps > 0 ? response : hold.mean;
}

// Servers of a station at this load: a fixed pool has its own; an autoscaled one settles
// where its serving instances run at the target, ceil(lambda S / (workers x target)) of them
// within its bounds (the simulator's evaluation reaches the same count at steady load).
std::int64_t serversAt(const NodeRouting& r, double arrivalRps, double holdMs)
{
    if (!r.autoscale)
        return r.servers;
    const double work =
        arrivalRps * holdMs / 1000.0 / (static_cast<double>(r.workers) * r.targetUtilization);
    const double wanted =
        std::isfinite(work) ? std::ceil(work - 1e-9) : static_cast<double>(r.maxInstances);
    const double instances = std::clamp(wanted, static_cast<double>(r.minInstances),
                                        static_cast<double>(r.maxInstances));
    return r.workers * static_cast<std::int64_t>(instances);
}

// One class of exponential service times: what the exact GI/M/1 and Burke's theorem need.
// A mixture of classes with different means is hyper-exponential, a blocking server's hold
// has an unknown shape.
bool exponentialService(const NodeRouting& r, double lamR, double lamW, double lamS)
{
    if (r.serviceScv != 1.0 || r.blocking)
        return false;
    const bool readMean = lamR > 0 || lamS > 0;
    return !(readMean && lamW > 0) || r.readServiceMs == r.writeServiceMs;
}

// The share of a node's departures one call carries, as a stream: a random split of the
// departures, then every k-th of them when the call is one of k served in turn.
ArrivalFlow callFlow(const ArrivalFlow& out, double sent, double departed, std::int64_t turn)
{
    const double share = departed > 0 ? sent / departed : 0.0;
    const double together =
        std::min(1.0, share * static_cast<double>(std::max<std::int64_t>(turn, 1)));
    return everyKth(thinned(out, together), turn);
}

// Time spent in a node's downstream calls, one class: its mean and second moment. A
// balancer's calls are alternatives (one is taken); others are taken independently, each
// with its probability (a replica group's alternatives are then slightly over-dispersed).
struct CallTime {
    double mean = 0;
    double second = 0;  // sum p E[X^2]
    double squares = 0; // sum p^2 E[X]^2

    void add(double p, double latencyMs, double mean, double second)
    {
        const double x = 2 * latencyMs + mean;
        const double x2 = second + 4 * latencyMs * mean + 4 * latencyMs * latencyMs;
        this->mean += p * x;
        this->second += p * x2;
        squares += p * p * x * x;
    }
    double secondMoment(bool alternatives) const
    {
        return alternatives ? second : second - squares + mean * mean;
    }
};

// Second moment of wait + own service + downstream (independent): the wait is 0 with
// probability 1 - P(wait), else exponential (exact for M/M/c and GI/M/1), the service has
// SCV `scv`, a constant (a sync replica's ack) is added last.
double sojournSecond(double wait, double probWait, double own, double scv, double down,
                     double down2, double constant = 0)
{
    const double w2 = probWait > 0 ? 2 * wait * wait / probWait : 0.0;
    const double t = wait + own + down;
    const double t2 =
        w2 + (1 + scv) * own * own + down2 + 2 * (wait * own + wait * down + own * down);
    return t2 + 2 * constant * t + constant * constant;
}

// The share of a node's tries not dropped downstream, one class, from its calls': a
// balancer's calls are alternatives, others independent.
struct KeptShare {
    double taken = 0, kept = 0, product = 1;

    void add(double p, double keptThere)
    {
        taken += p;
        kept += p * keptThere;
        product *= 1 - p * (1 - keptThere);
    }
    double share(bool alternatives) const
    {
        return alternatives ? kept + std::max(0.0, 1 - taken) : product;
    }
};

// A station that drops the tries whose client gave up (cancel_on_timeout): its queue with
// the clients' patience, unless a queue limit turns tries away before they could wait
// that long (an M/M/c/K then, as without cancelling).
std::optional<ScaledPatience> patientQueue(const NodeRouting& r, double patienceMs, double arrivals,
                                           double holdMs, double holdScv, std::int64_t servers,
                                           double arrivalScv)
{
    if (!r.cancelAbandoned || r.traits.consumer || r.shardShares.size() > 1 ||
        !std::isfinite(patienceMs) || patienceMs <= 0 || arrivals <= 0 || !std::isfinite(holdMs))
        return std::nullopt;
    if (r.queueLimit > 0 &&
        static_cast<double>(r.queueLimit) * holdMs / static_cast<double>(servers) < patienceMs)
        return std::nullopt;
    return ggcPatience(arrivals, holdMs / 1000.0, servers, patienceMs / 1000.0, arrivalScv,
                       holdScv);
}

} // namespace load_detail

using namespace load_detail;

LoadState computeLoad(const Topology& t, const RoutingPlan& plan, double baseScale,
                      bool applyQueueLimits, const std::vector<double>* clientScale)
{
    const std::size_t n = t.nodes.size();
    LoadState s;
    s.nodes.resize(n);
    s.readMs.assign(n, 0.0);
    s.writeMs.assign(n, 0.0);
    s.staticMs.assign(n, 0.0);
    s.readMs2.assign(n, 0.0);
    s.writeMs2.assign(n, 0.0);
    s.staticMs2.assign(n, 0.0);
    s.readKept.assign(n, 1.0);
    s.writeKept.assign(n, 1.0);
    s.staticKept.assign(n, 1.0);
    s.patience.assign(n, std::nullopt);
    // Patience: the time a try may still wait when it reaches a node, the least over the
    // clients with a timeout that reach it (their timeout less the links' latency on the
    // way; waits upstream are not subtracted). +inf where no timeout applies.
    std::vector<double> patienceMs(n, kLoadInf);
    std::vector<double> lamR(n, 0.0), lamW(n, 0.0), lamS(n, 0.0);
    std::vector<bool> reached(n, false);
    // Second moments (QNA): the streams each node receives, merged when it is reached.
    std::vector<std::vector<std::pair<double, ArrivalFlow>>> inputs(n);
    std::vector<ArrivalFlow> flowIn(n), flowOut(n);

    // Forward: push each class's rate along the calls, senders first (Jackson flows).
    for (std::size_t i : plan.order) {
        const NodeRouting& r = plan.nodes[i];
        const double scale = baseScale * (clientScale ? (*clientScale)[i] : 1.0);
        if (r.isClient) {
            const double dynamic = scale * r.rateRps * (1.0 - r.staticRatio);
            lamR[i] = dynamic * r.readRatio;
            lamW[i] = dynamic * (1.0 - r.readRatio);
            lamS[i] = scale * r.rateRps * r.staticRatio;
            reached[i] = true;
            if (t.nodes[i].number("timeout_ms") > 0)
                patienceMs[i] = t.nodes[i].number("timeout_ms");
        }
        if (!reached[i])
            continue;
        flowIn[i] = r.isClient ? r.sourceFlow : merged(inputs[i]);
        // A full queue turns requests away: only the accepted ones go on. (A blocking
        // server's rejections are estimated from its own service time here.) A station
        // that cancels abandoned work passes on only what it serves.
        double accepted = 1.0;
        std::optional<ScaledPatience> patient;
        if (r.isQueue && r.cancelAbandoned) {
            const ServiceMixture own =
                serviceMixture(lamR[i], r.readServiceMs, lamW[i], r.writeServiceMs, r.serviceScv,
                               lamS[i], r.readServiceMs);
            const double arrivals = lamR[i] + lamW[i] + lamS[i];
            patient = patientQueue(r, patienceMs[i], arrivals, own.mean, own.scv,
                                   serversAt(r, arrivals, own.mean), flowIn[i].scv);
            if (patient)
                accepted = 1.0 - patient->dropShare();
        }
        if (applyQueueLimits && r.isQueue && r.queueLimit > 0 && !patient) {
            const ServiceMixture own =
                serviceMixture(lamR[i], r.readServiceMs, lamW[i], r.writeServiceMs, r.serviceScv,
                               lamS[i], r.readServiceMs);
            const double arrivals = lamR[i] + lamW[i] + lamS[i];
            accepted = 1.0 - mmck(arrivals, own.mean / 1000.0, serversAt(r, arrivals, own.mean),
                                  r.queueLimit, own.scv)
                                 .probReject;
        }
        // The stream that leaves: a client's own, or a station's departures (QNA, from its
        // own service: a blocking server's downstream calls leave after that too).
        const double arrived = lamR[i] + lamW[i] + lamS[i];
        flowOut[i] = flowIn[i];
        if (r.isQueue && arrived > 0) {
            const ServiceMixture own =
                serviceMixture(lamR[i], r.readServiceMs, lamW[i], r.writeServiceMs, r.serviceScv,
                               lamS[i], r.readServiceMs);
            const std::int64_t servers = serversAt(r, arrived, own.mean);
            const double rho = arrived * own.mean / 1000.0 / static_cast<double>(servers);
            flowOut[i] = departures(flowIn[i], rho, own.scv, servers,
                                    exponentialService(r, lamR[i], lamW[i], lamS[i]));
        }
        for (const auto& call : r.calls) {
            const double sent =
                (lamR[i] * call.pRead + lamW[i] * call.pWrite + lamS[i] * call.pStatic) * accepted;
            lamR[call.target] += lamR[i] * call.pRead * accepted;
            lamW[call.target] += lamW[i] * call.pWrite * accepted;
            lamS[call.target] += lamS[i] * call.pStatic * accepted;
            if (call.pRead > 0 || call.pWrite > 0 || call.pStatic > 0) {
                reached[call.target] = true;
                if (!call.async)
                    patienceMs[call.target] =
                        std::min(patienceMs[call.target], patienceMs[i] - call.latencyMs);
            }
            if (sent > 0)
                inputs[call.target].push_back(
                    {sent, callFlow(flowOut[i], sent, arrived * accepted, call.roundRobin)});
        }
    }

    // Backward: queue figures and time-to-answer, receivers first.
    for (auto it = plan.order.rbegin(); it != plan.order.rend(); ++it) {
        const std::size_t i = *it;
        const NodeRouting& r = plan.nodes[i];
        NodeEstimate& e = s.nodes[i];
        e.id = t.nodes[i].id;
        e.kind = t.nodes[i].kind.str();
        e.source = r.isClient;
        e.reached = reached[i];
        e.readRps = lamR[i];
        e.writeRps = lamW[i];
        e.staticRps = lamS[i];
        e.arrivalRps = lamR[i] + lamW[i] + lamS[i];
        if (r.hitRatio >= 0)
            e.hitRatio = r.hitRatio;
        if (r.sessionMissRatio >= 0)
            e.sessionMissRatio = r.sessionMissRatio;

        double downR = 0, downW = 0, downS = 0; // time spent in downstream calls, per class
        CallTime timeR, timeW, timeS;           // the same with second moments
        KeptShare keptR, keptW, keptS;
        for (const auto& call : r.calls) {
            if (call.async)
                continue; // a job handed to a worker: the queue does not wait for it
            const std::size_t to = call.target;
            keptR.add(call.pRead, s.readKept[to]);
            keptW.add(call.pWrite, s.writeKept[to]);
            keptS.add(call.pStatic, s.staticKept[to]);
            if (call.pRead > 0) {
                downR += call.pRead * (2 * call.latencyMs + s.readMs[to]);
                timeR.add(call.pRead, call.latencyMs, s.readMs[to], s.readMs2[to]);
            }
            if (call.pWrite > 0) {
                downW += call.pWrite * (2 * call.latencyMs + s.writeMs[to]);
                timeW.add(call.pWrite, call.latencyMs, s.writeMs[to], s.writeMs2[to]);
            }
            if (call.pStatic > 0) {
                downS += call.pStatic * (2 * call.latencyMs + s.staticMs[to]);
                timeS.add(call.pStatic, call.latencyMs, s.staticMs[to], s.staticMs2[to]);
            }
        }
        const bool alternatives = r.traits.balancer;
        s.readKept[i] = keptR.share(alternatives);
        s.writeKept[i] = keptW.share(alternatives);
        s.staticKept[i] = keptS.share(alternatives);
        const double downR2 = timeR.secondMoment(alternatives);
        const double downW2 = timeW.secondMoment(alternatives);
        const double downS2 = timeS.secondMoment(alternatives);
        if (r.isClient) {
            const double scale = baseScale * (clientScale ? (*clientScale)[i] : 1.0);
            const double dynamic = scale * r.rateRps * (1.0 - r.staticRatio);
            e.arrivalRps = scale * r.rateRps;
            e.readRps = dynamic * r.readRatio;
            e.writeRps = dynamic * (1.0 - r.readRatio);
            e.staticRps = scale * r.rateRps * r.staticRatio;
            s.readMs[i] = downR;
            s.writeMs[i] = downW;
            s.staticMs[i] = downS;
            s.readMs2[i] = downR2;
            s.writeMs2[i] = downW2;
            s.staticMs2[i] = downS2;
            e.meanResponseMs =
                serviceMixture(e.readRps, downR, e.writeRps, downW, 1, e.staticRps, downS).mean;
            e.stable = std::isfinite(e.meanResponseMs);
            continue;
        }
        if (!r.isQueue)
            continue;
        // A blocking worker is held for its own service plus the downstream calls; the
        // holding time is then taken as exponential (SCV 1): its shape is unknown.
        const double holdR = r.readServiceMs + (r.blocking ? downR : 0.0);
        const double holdW = r.writeServiceMs + (r.blocking ? downW : 0.0);
        const double holdS = r.readServiceMs + (r.blocking ? downS : 0.0);
        const ServiceMixture hold = serviceMixture(lamR[i], holdR, lamW[i], holdW,
                                                   r.blocking ? 1.0 : r.serviceScv, lamS[i], holdS);
        const std::int64_t servers = serversAt(r, e.arrivalRps, hold.mean);
        const bool exponential = exponentialService(r, lamR[i], lamW[i], lamS[i]);
        e.arrivalScv = flowIn[i].scv;
        e.departureScv = flowOut[i].scv;
        QueueEstimate q =
            ggc(e.arrivalRps, hold.mean / 1000.0, servers, hold.scv, flowIn[i], exponential);
        if (r.jsqBalancer >= 0 && q.stable && !r.autoscale && r.jsqPoolServers > servers) {
            // Join the shortest queue (least connections), as a perfectly balanced pool: the
            // number of requests at the N backends is that of one pool of all their servers,
            // and a request joins a backend with the fewest, floor(n / N): with c servers a
            // backend, Wq = Wq(pool) N (1 - rho) / (1 - rho^N). Exact for N = 1, tends to the
            // pool's wait in heavy traffic. The real JSQ sometimes idles a server while
            // another has a queue, and then sends the next request to the idle one: the
            // estimate is high at moderate load with few single-worker backends (+4% at 2 x 1,
            // +10% at 3 x 1, rho 0.5), within 2% at rho 0.9 (docs/analysis.md).
            const auto pool = static_cast<double>(r.jsqPoolServers);
            const double backends = pool / static_cast<double>(servers);
            const double rho = q.utilization;
            const double pooledRate = rho * pool / (hold.mean / 1000.0);
            const QueueEstimate p =
                ggc(pooledRate, hold.mean / 1000.0, r.jsqPoolServers, hold.scv,
                    flowOut[static_cast<std::size_t>(r.jsqBalancer)], exponential);
            const double balance = backends * (1 - rho) / (1 - std::pow(rho, backends));
            q.meanWait = p.meanWait * balance;
            q.probWait = p.probWait;
            q.meanResponse = q.meanWait + hold.mean / 1000.0;
            q.meanQueueLength = e.arrivalRps * q.meanWait;
        }
        e.servers = servers;
        e.instances = servers / r.workers;
        e.serviceMs = hold.mean;
        e.utilization = e.offeredLoad = q.utilization;
        e.stable = q.stable;
        e.meanWaitMs = q.meanWait * 1000.0;
        e.meanResponseMs = e.arrivalRps > 0 ? q.meanResponse * 1000.0 : hold.mean;
        if (applyQueueLimits && r.queueLimit > 0 && std::isfinite(hold.mean)) {
            // M/M/c/K: bounded waits at any load; the accepted requests keep the servers busy.
            const FiniteQueueEstimate f =
                mmck(e.arrivalRps, hold.mean / 1000.0, servers, r.queueLimit, hold.scv);
            e.utilization = f.utilization;
            e.rejectFraction = f.probReject;
            e.meanWaitMs = f.meanWait * 1000.0;
            e.meanResponseMs = e.arrivalRps > 0 ? f.meanResponse * 1000.0 : hold.mean;
        }
        if (r.shardShares.size() > 1)
            splitOverShards(r, hold, flowIn[i], exponential, applyQueueLimits, e);
        // Cancelling abandoned work: the tries that waited out their client's patience are
        // dropped at no cost, so the queue is stable at any load; the waits are the served
        // tries' (M/M/c+D, Allen-Cunneen scaled when not Poisson and exponential).
        double patientProbWait = -1;
        s.patience[i] = patientQueue(r, patienceMs[i], e.arrivalRps, hold.mean, hold.scv, servers,
                                     flowIn[i].scv);
        if (const auto& p = s.patience[i]) {
            const double drop = p->dropShare();
            e.cancelFraction = drop;
            e.rejectFraction.reset();
            e.utilization = p->utilization();
            e.stable = true;
            e.meanWaitMs = p->meanWait() * 1000.0;
            e.meanResponseMs = e.meanWaitMs + hold.mean;
            const double second = p->secondWait();
            patientProbWait = second > 0 ? 2 * p->meanWait() * p->meanWait() / second : 0.0;
            s.readKept[i] *= 1 - drop;
            s.writeKept[i] *= 1 - drop;
            s.staticKept[i] *= 1 - drop;
        }
        if (r.traits.consumer && e.stable) {
            // Jobs wait in their queue (its job estimate), never at the worker.
            e.meanWaitMs = 0;
            e.meanResponseMs = hold.mean;
        }
        s.readMs[i] = e.meanWaitMs + holdR + (r.blocking ? 0.0 : downR);
        // A write is answered once the sync replicas acknowledged it (no server is held).
        s.writeMs[i] = e.meanWaitMs + holdW + (r.blocking ? 0.0 : downW) + r.syncAckMs;
        s.staticMs[i] = e.meanWaitMs + holdS + (r.blocking ? 0.0 : downS);
        // A bounded queue's wait is taken as exponential (every request may wait).
        // (With patience: the one whose exponential has the served waits' second moment.)
        const double probWait = patientProbWait >= 0 ? patientProbWait
                                : e.rejectFraction   ? 1.0
                                                     : q.probWait;
        const double scv = r.serviceScv;
        s.readMs2[i] = sojournSecond(e.meanWaitMs, probWait, r.readServiceMs, scv, downR, downR2);
        s.writeMs2[i] = sojournSecond(e.meanWaitMs, probWait, r.writeServiceMs, scv, downW, downW2,
                                      r.syncAckMs);
        s.staticMs2[i] = sojournSecond(e.meanWaitMs, probWait, r.readServiceMs, scv, downS, downS2);
    }
    return s;
}

double maxScale(const Topology& t, const RoutingPlan& plan)
{
    // Saturation is about offered load: flows are not thinned by queue limits here.
    const LoadState unit = computeLoad(t, plan, 1.0, false);
    // Without blocking servers every utilization grows linearly with the rates, so the
    // first node to reach 100% sets the scale exactly.
    double linear = kLoadInf;
    bool anyBlocking = false;
    for (std::size_t i = 0; i < unit.nodes.size(); ++i) {
        const NodeEstimate& e = unit.nodes[i];
        if (!plan.nodes[i].isQueue || !e.reached || e.arrivalRps <= 0)
            continue;
        anyBlocking = anyBlocking || plan.nodes[i].blocking;
        // An autoscaled pool can grow to its largest size; a sharded node saturates with its
        // hottest shard (hotShare is 1 without shards).
        const NodeRouting& r = plan.nodes[i];
        const std::int64_t servers = r.autoscale ? r.workers * r.maxInstances : r.servers;
        const double ownUtil = (e.readRps * r.readServiceMs + e.writeRps * r.writeServiceMs +
                                e.staticRps * r.readServiceMs) *
                               r.hotShare / 1000.0 / static_cast<double>(servers);
        if (ownUtil > 0)
            linear = std::min(linear, 1.0 / ownUtil);
    }
    if (!anyBlocking || !std::isfinite(linear))
        return linear;
    // A blocking server's holding time grows with the downstream waits: bisect on the
    // scale at which every node is still stable.
    const auto allStable = [&](double scale) {
        const LoadState s = computeLoad(t, plan, scale, false);
        return std::all_of(s.nodes.begin(), s.nodes.end(),
                           [](const NodeEstimate& e) { return e.stable; });
    };
    double lo = 0;
    double hi = linear;
    for (int k = 0; k < 100 && hi - lo > 1e-12 * hi; ++k) {
        const double mid = 0.5 * (lo + hi);
        (allStable(mid) ? lo : hi) = mid;
    }
    return lo;
}

} // namespace scalelab::core
