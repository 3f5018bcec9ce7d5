#include "core/experiment/Planner.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "core/analysis/Analysis.h"
#include "core/experiment/ParallelFor.h"
#include "core/experiment/PlanPruning.h"
#include "core/experiment/RunSeed.h"
#include "core/goals/GoalCatalog.h"
#include "core/goals/GoalCheck.h"
#include "core/goals/ResultsWithGoals.h"
#include "core/validation/Validator.h"

namespace scalelab::core::experiment {

namespace planner_detail {

struct Screen {
    bool keep = false;
    Cost cost;
    double resources = 0;
};

// What the queueing estimates say a run would report, as run results so the goals' own
// extractors read it. Latency percentiles are given the mean: for the waiting-time
// distributions of these queues the mean is below p90, so this is a bound a design must at
// least meet. What the estimates cannot tell (p50, which can lie below the mean,
// throughput, availability) is NaN, and a goal on it is left to the proof by simulation.
sim::RunResults predictedResults(const Analysis& a, const Cost& cost)
{
    constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
    sim::RunResults r;
    r.cost = {cost.perHour, cost.perMonth};
    r.throughputRps = kUnknown;
    r.availability = kUnknown;
    for (const NodeEstimate& n : a.nodes) {
        sim::NodeResults node;
        node.id = n.id.str();
        node.utilization = n.utilization;
        r.nodes.push_back(std::move(node));
    }
    const auto bounds = [&](double mean) {
        return sim::LatencySummary{mean, kUnknown, mean, mean, mean, mean, mean};
    };
    // A count of one: the extractors give no latency for a class nothing finished in.
    if (a.endToEndMeanMs) {
        r.completed = 1;
        r.latency = bounds(*a.endToEndMeanMs);
    }
    if (a.endToEndReadMs) {
        r.read.count = 1;
        r.read.latency = bounds(*a.endToEndReadMs);
    }
    if (a.endToEndWriteMs) {
        r.write.count = 1;
        r.write.latency = bounds(*a.endToEndWriteMs);
    }
    return r;
}

Screen screen(const SweepDesign& design, std::size_t point, double slack)
{
    Screen s;
    const Topology t = design.topology(point);
    s.cost = costOf(t);
    s.resources = planResources(design, point);
    for (const Diagnostic& d : validate(t))
        if (d.severity == Severity::Error)
            return s;
    const Analysis a = analyze(t);
    for (const NodeEstimate& n : a.nodes)
        if (n.reached && !n.stable)
            return s; // a saturated node: its queue grows without bound
    for (const GoalResult& g : checkGoals(t.goals, predictedResults(a, s.cost))) {
        if (!g.actual || !std::isfinite(*g.actual) || g.met)
            continue; // nothing to judge by, or met
        const GoalSpec* spec = GoalCatalog::instance().find(g.name);
        const bool upper = !spec || spec->bound == GoalBound::Upper;
        if (upper ? *g.actual > g.target * (1 + slack) : *g.actual < g.target * (1 - slack))
            return s;
    }
    s.keep = true;
    return s;
}

std::string goalPointer(const std::string& name)
{
    return "/goal_values/" + pointerToken(name);
}

std::string beyondPointer(const std::string& name)
{
    return "/goal_beyond_every_completed/" + pointerToken(name);
}

// The results document plus each goal's value, so the replications' statistics carry a
// mean and interval of exactly what each goal compares (even a derived one like
// max_error_rate, which no single results key holds). And, per goal, 1 when its value is
// null because it falls among the failed or overdue requests (an overall latency: they rank
// after every completed one): worse than any target, though no number says so.
nlohmann::ordered_json documentWithGoalValues(const sim::RunResults& results, const Topology& t)
{
    nlohmann::ordered_json doc = resultsWithGoals(results, t);
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    nlohmann::ordered_json beyond = nlohmann::ordered_json::object();
    const bool unanswered = results.failed + results.overdue > 0;
    for (const GoalResult& g : checkGoals(t.goals, results)) {
        const bool value = g.actual && std::isfinite(*g.actual);
        values[g.name] = value ? nlohmann::ordered_json(*g.actual) : nlohmann::ordered_json();
        const GoalSpec* spec = GoalCatalog::instance().find(g.name);
        // 1 or 0, not a boolean: the replications' statistics read numbers only.
        beyond[g.name] = !value && spec && spec->nullWhenUnanswered && unanswered ? 1 : 0;
    }
    doc["goal_values"] = std::move(values);
    doc["goal_beyond_every_completed"] = std::move(beyond);
    return doc;
}

void judge(PlanStep& step, const Topology& base, std::size_t replications)
{
    step.proven = step.error.empty();
    for (const auto& [name, target] : base.goals) {
        GoalProof g;
        g.name = name;
        g.target = target;
        const GoalSpec* spec = GoalCatalog::instance().find(name);
        g.upper = !spec || spec->bound == GoalBound::Upper;
        const FigureStats s = step.stats.at(goalPointer(name));
        g.mean = s.mean;
        // One replication has no interval: its value stands alone.
        g.ci95 = replications < 2 || !std::isfinite(s.ci95) ? 0.0 : s.ci95;
        g.proven = step.error.empty() && std::isfinite(g.mean) &&
                   (g.upper ? g.mean + g.ci95 <= target : g.mean - g.ci95 >= target);
        // Beyond every completed request in every replication: missed whatever the target.
        const bool beyondAlways =
            step.stats.has(beyondPointer(name)) && step.stats.at(beyondPointer(name)).mean == 1.0;
        g.clearlyMissed =
            step.error.empty() && spec && spec->easedByCapacity &&
            (beyondAlways || (std::isfinite(g.mean) &&
                              (g.upper ? g.mean - g.ci95 > target : g.mean + g.ci95 < target)));
        step.proven = step.proven && g.proven;
        step.refuted = step.refuted || g.clearlyMissed;
        step.goals.push_back(g);
    }
}

nlohmann::ordered_json finiteOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
}

} // namespace planner_detail

double planResources(const SweepDesign& design, std::size_t point)
{
    double total = 0;
    const std::vector<std::size_t> at = design.indices(point);
    for (std::size_t i = 0; i < design.axes().size(); ++i) {
        const SweepAxis& a = design.axes()[i];
        total += toNumber(a.values[at[i]]) * static_cast<double>(a.nodes.size());
    }
    return total;
}

PlanResult planDesign(const SweepDesign& design, const PlanOptions& options,
                      const PlanProgress& progress, const PlanStepReady& onStep)
{
    using namespace planner_detail;
    const Topology& base = design.base();
    if (base.goals.empty())
        throw std::invalid_argument("the file sets no goals: a plan needs targets to meet "
                                    "(\"goals\": {\"p99_ms\": 250, ...}, see docs/goals.md)");
    PlanResult result;
    result.candidates = design.points();

    // 1. The analytic search, every candidate, all cores.
    std::vector<Screen> screens(design.points());
    parallelFor(design.points(), options.threads,
                [&](std::size_t p) { screens[p] = screen(design, p, options.slack); });
    for (std::size_t p = 0; p < screens.size(); ++p)
        if (screens[p].keep)
            result.order.push_back(p);
    result.analyticFeasible = result.order.size();
    std::stable_sort(result.order.begin(), result.order.end(), [&](std::size_t a, std::size_t b) {
        if (screens[a].cost.perHour != screens[b].cost.perHour)
            return screens[a].cost.perHour < screens[b].cost.perHour;
        return screens[a].resources < screens[b].resources;
    });
    if (progress && !progress("search", design.points(), design.points())) {
        result.cancelled = true;
        return result;
    }

    // Simulates points, R replications each, one batch; a point simulated before is not run
    // again (its seeds follow the point, so the figures would be the same).
    ReplicationRunner runner(base.simulation.seed, options.threads);
    runner.setDocument(&documentWithGoalValues);
    std::map<std::size_t, PlanStep> seen;
    const auto simulate = [&](const std::vector<std::size_t>& points, const char* stage) {
        std::vector<RunJob> jobs;
        std::vector<PlanStep> steps;
        for (std::size_t p : points) {
            if (seen.count(p) || std::any_of(steps.begin(), steps.end(),
                                             [&](const PlanStep& s) { return s.point == p; }))
                continue;
            steps.emplace_back().point = p;
            steps.back().cost = screens[p].cost;
            for (std::size_t r = 0; r < options.replications; ++r)
                jobs.push_back({p, r, false});
        }
        if (jobs.empty())
            return true;
        if (progress)
            runner.setProgress(
                [&](std::size_t done, std::size_t total) { return progress(stage, done, total); });
        std::size_t k = 0;
        const RunnerStatus status = runner.run(
            jobs, [&](std::size_t point) { return design.topology(point); },
            [&](RunOutcome&& o) {
                while (steps[k].point != o.job.point)
                    ++k;
                if (!o.error.empty() && steps[k].error.empty())
                    steps[k].error = o.error;
                if (o.error.empty())
                    steps[k].stats.add(o.figures);
            });
        if (status == RunnerStatus::Cancelled)
            return false;
        for (PlanStep& step : steps) {
            judge(step, base, options.replications);
            seen.emplace(step.point, std::move(step));
        }
        return true;
    };

    // 2. The probes: each knob bisected at the top of the box, once the cheapest candidate
    // clearly missed (the estimates miss what only a simulation shows: a scheduled failure's
    // load, a cold cache). Their verdicts do not depend on the thread count.
    RefutedDesigns refuted(design);
    FloorProbe probe(design);
    const auto runProbes = [&] {
        for (std::vector<std::size_t> points = probe.next(); !points.empty();
             points = probe.next()) {
            if (!simulate(points, "probe"))
                return false;
            for (std::size_t p : points) {
                PlanStep step = seen.at(p);
                step.probe = true;
                step.top = result.probes.empty();
                probe.record(p, step.refuted);
                if (step.refuted)
                    refuted.add(p);
                result.probes.push_back(step);
                if (onStep)
                    onStep(result.probes.back());
            }
        }
        result.floors = probe.floors();
        return true;
    };

    // 3. The walk: cheapest first, a batch (one candidate per thread) at a time; the first
    // candidate alone, so the probes start at the same place whatever the thread count.
    // Candidates are judged in order, each passed over when a design judged before it
    // refutes it, and steps after the proven one are dropped: the batch size never shows
    // in the answer.
    const std::size_t batch = std::max<std::size_t>(
        1, (runner.threads() + options.replications - 1) / options.replications);
    std::size_t next = 0;
    // One replication has no interval: a single unlucky run must not rule out a range.
    bool probed = !probe.applies() || options.replications < 2;
    while (result.simulated.size() < options.maxSimulated) {
        if (!probed && !result.simulated.empty()) {
            // Only after a clear miss: the estimates were wrong, not just close (a candidate
            // near the line is settled faster by walking on).
            probed = true;
            if (result.simulated.front().refuted && !runProbes()) {
                result.cancelled = true;
                return result;
            }
        }
        const std::size_t count =
            probed ? std::min(batch, options.maxSimulated - result.simulated.size()) : 1;
        std::vector<std::size_t> points;
        for (std::size_t i = next; i < result.order.size() && points.size() < count; ++i)
            if (!refuted.covers(result.order[i]))
                points.push_back(result.order[i]);
        if (points.empty()) { // every candidate left is refuted
            result.skipped += result.order.size() - next;
            break;
        }
        if (!simulate(points, "verify")) {
            result.cancelled = true;
            return result;
        }
        for (; next < result.order.size(); ++next) {
            const std::size_t p = result.order[next];
            if (refuted.covers(p)) {
                ++result.skipped;
                continue;
            }
            if (!seen.count(p) || result.simulated.size() == options.maxSimulated)
                break; // the next batch's
            result.simulated.push_back(seen.at(p));
            if (onStep)
                onStep(result.simulated.back());
            if (result.simulated.back().proven) {
                result.chosen = result.simulated.size() - 1;
                return result;
            }
            // A candidate the walk refutes is not added: whatever it covers costs no more
            // and uses no more capacity, so the walk has judged it already.
        }
    }
    return result;
}

nlohmann::ordered_json planJson(const PlanResult& result, const SweepDesign& design,
                                const std::string& file, const PlanOptions& options)
{
    using planner_detail::finiteOrNull;
    using J = nlohmann::ordered_json;
    J doc;
    doc["format"] = kPlanFormat;
    doc["file"] = file;
    J vary = J::array();
    for (const SweepAxis& a : design.axes()) {
        J values = J::array();
        for (const ParamValue& v : a.values)
            values.push_back(valueJson(v));
        vary.push_back({{"node", a.node}, {"param", a.param}, {"values", std::move(values)}});
    }
    doc["vary"] = std::move(vary);
    const PlanStep* chosen = result.chosen ? &result.simulated[*result.chosen] : nullptr;
    doc["chosen"] = chosen ? design.values(chosen->point) : J();
    doc["proven"] = chosen != nullptr;
    doc["cost"] = chosen ? costJson(chosen->cost) : J();
    J goals = J::object();
    if (chosen)
        for (const GoalProof& g : chosen->goals)
            goals[g.name] = {{"target", g.target},
                             {"mean", finiteOrNull(g.mean)},
                             {"ci95", finiteOrNull(g.ci95)},
                             {"bound", g.upper ? "upper" : "lower"},
                             {"met", g.proven}};
    doc["goals"] = std::move(goals);
    J verified;
    verified["replications"] = options.replications;
    if (chosen) {
        J seeds = J::array();
        for (std::size_t r = 0; r < options.replications; ++r)
            seeds.push_back(runSeed(design.base().simulation.seed, chosen->point, r));
        verified["seeds"] = std::move(seeds);
        J mean, ci;
        for (const char* f : {"/throughput_rps", "/availability", "/latency_ms/mean",
                              "/latency_ms/p50", "/latency_ms/p99", "/latency_all_ms/p99"}) {
            if (!chosen->stats.has(f))
                continue;
            const FigureStats s = chosen->stats.at(f);
            mean[J::json_pointer(f)] = finiteOrNull(s.mean);
            ci[J::json_pointer(f)] = finiteOrNull(s.ci95);
        }
        verified["mean"] = std::move(mean);
        verified["ci95"] = std::move(ci);
    }
    doc["verified"] = std::move(verified);
    const auto stepJson = [&](const PlanStep& step) {
        J missed = J::array(), clearly = J::array(), figures = J::object();
        for (const GoalProof& g : step.goals) {
            if (!g.proven)
                missed.push_back(g.name);
            if (g.clearlyMissed)
                clearly.push_back(g.name);
            figures[g.name] = {{"mean", finiteOrNull(g.mean)}, {"ci95", finiteOrNull(g.ci95)}};
        }
        J s = {{"values", design.values(step.point)},
               {"cost", costJson(step.cost)},
               {"proven", step.proven},
               {"not_proven", std::move(missed)},
               {"clearly_missed", std::move(clearly)},
               {"goals", std::move(figures)}};
        if (!step.error.empty())
            s["error"] = step.error;
        return s;
    };
    J walk = J::array(), probes = J::array();
    for (const PlanStep& step : result.simulated)
        walk.push_back(stepJson(step));
    for (const PlanStep& step : result.probes)
        probes.push_back(stepJson(step));
    // Only the knobs some probe refuted below: a range's smallest value is no floor.
    J floors = J::object();
    for (std::size_t i = 0; i < result.floors.size(); ++i) {
        const std::vector<ParamValue>& values = design.axes()[i].values;
        const double floor = toNumber(values[result.floors[i]]);
        if (std::any_of(values.begin(), values.end(),
                        [&](const ParamValue& v) { return toNumber(v) < floor; }))
            floors[design.axes()[i].key()] = valueJson(values[result.floors[i]]);
    }
    doc["search"] = {
        {"candidates", result.candidates}, {"analytic_feasible", result.analyticFeasible},
        {"simulated", std::move(walk)},    {"probes", std::move(probes)},
        {"floors", std::move(floors)},     {"skipped", result.skipped}};
    return doc;
}

} // namespace scalelab::core::experiment
