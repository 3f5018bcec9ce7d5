#include "core/analysis/models/AnalysisModel.h"

namespace scalelab::core {

namespace {
// A database serves reads and writes itself; its group (master and replicas) is routed by
// the application that calls it (WebServerModel.cpp).
std::string databaseLoadRemedy(const Node&, const NodeEstimate& e)
{
    if (e.readRps >= e.writeRps)
        return "put a cache in front of it or add read replicas (reads dominate)";
    return "raise connections / speed; writes dominate, so replicas will not help";
}

std::string databaseSpofRemedy(const ModelContext& c, std::size_t i)
{
    const std::size_t g = c.index.groupOf(i);
    if (g == TopologyIndex::kNone || c.index.groups()[g].master != i ||
        c.index.groups()[g].replicas.empty())
        return "add a replica (replication link) with failover auto";
    return "set failover to auto so a replica is promoted without an operator";
}
} // namespace

extern const AnalysisModel kDatabaseModel{KindRole::Database, nullptr, &databaseLoadRemedy,
                                          &databaseSpofRemedy};

} // namespace scalelab::core
