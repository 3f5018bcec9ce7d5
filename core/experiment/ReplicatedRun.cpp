#include "core/experiment/ReplicatedRun.h"

#include "core/goals/GoalCheck.h"
#include "core/sim/ResultsJson.h"

namespace scalelab::core::experiment {

ReplicatedRun runReplicated(const Topology& topology, std::size_t replications,
                            const ReplicationRunner& runner)
{
    ReplicatedRun out;
    std::vector<RunJob> jobs = factorialJobs(1, replications);
    if (!jobs.empty())
        jobs.front().keepResults = true;
    out.status = runner.run(
        jobs, [&](std::size_t) { return topology; },
        [&](RunOutcome&& o) {
            out.seeds.push_back(o.seed);
            if (!o.error.empty()) {
                if (out.error.empty())
                    out.error = o.error;
                return;
            }
            out.stats.add(o.figures);
            if (o.job.keepResults) {
                out.first = std::move(o.results);
                out.firstDocument = std::move(o.document);
            }
        });
    return out;
}

nlohmann::ordered_json replicationsJson(const ReplicatedRun& run, const Topology& topology)
{
    nlohmann::ordered_json doc;
    doc["count"] = run.stats.runs();
    doc["seeds"] = run.seeds;
    doc["mean"] = run.stats.meanDocument();
    doc["ci95"] = run.stats.ci95Document();
    if (!topology.goals.empty())
        doc["goals"] = nlohmann::ordered_json(goalsToJson(
            checkGoals(topology.goals, sim::resultsFromDocument(nlohmann::json(doc["mean"])))));
    return doc;
}

} // namespace scalelab::core::experiment
