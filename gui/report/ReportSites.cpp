#include <map>
#include <vector>

#include "core/analysis/RoutingPlan.h"
#include "core/analysis/SiteLoss.h"
#include "core/model/TopologyIndex.h"
#include "gui/report/ReportBuilder.h"
#include "gui/report/ReportHelpers.h"

// The "Data centers" section: each site and its nodes, the replication links between
// sites with their mode, and what losing a site costs as the analysis estimates it
// (failed requests, lost writes) beside the run's figures.

namespace scalelab::gui {

using namespace report_detail;

QString ReportBuilder::sitesSection() const
{
    std::vector<std::string> sites;
    std::map<std::string, QStringList> members;
    for (const core::Node& n : m_topology.nodes) {
        const std::string site = n.spec() ? n.site() : std::string();
        if (site.empty())
            continue;
        if (!members.count(site))
            sites.push_back(site);
        members[site] << repQs(n.displayName());
    }
    if (sites.empty())
        return {};
    QString out = sectionTitle(QStringLiteral("Data centers"));
    out += repTableOpen();
    out += repRow({QStringLiteral("site"), QStringLiteral("nodes")}, true, {20, 0});
    for (const auto& s : sites)
        out += repRow({repQs(s), members[s].join(QStringLiteral(", "))}, false, {20, 0});
    out += QStringLiteral("</table>\n");

    // What a site's loss costs, from the functions the findings and the analysis panel
    // use (core/analysis/SiteLoss.h), so the three never disagree.
    const core::TopologyIndex index(m_topology);
    const core::RoutingPlan plan = core::buildRoutingPlan(m_topology, index);
    std::map<std::size_t, double> lostOnLink; // the promoted replica's link: its group's loss
    for (const core::WriteLoss& w : core::writeLosses(m_topology, index, m_analysis))
        lostOnLink[w.link] = w.lostWrites;

    // Replication across sites: the mode of each link, and what the master's site's loss
    // costs in writes on the row of the replica promoted then.
    QString repl;
    for (const core::ReplicationGroupInfo& g : index.groups()) {
        const core::Node& master = m_topology.nodes[g.master];
        for (std::size_t k = 0; k < g.replicas.size(); ++k) {
            const core::Link& l = m_topology.links[g.links[k]];
            const core::Node& replica = m_topology.nodes[g.replicas[k]];
            if (replica.site() == master.site())
                continue;
            const bool sync = l.synchronous();
            const auto lost = lostOnLink.find(g.links[k]);
            repl += repRow(
                {repQs(master.displayName() + " (" + master.site() + ")"),
                 repQs(replica.displayName() + " (" + replica.site() + ")"),
                 sync ? QStringLiteral("sync") : QStringLiteral("async"),
                 QLatin1Char('#') + reportMs(sync ? 0.0 : l.lagMs()),
                 QLatin1Char('#') + reportMs(sync ? 2 * l.latencyMs() : 0.0),
                 QLatin1Char('#') + (lost == lostOnLink.end() ? QStringLiteral("-")
                                                              : reportNumber(lost->second, 1))});
        }
    }
    if (!repl.isEmpty()) {
        out += QStringLiteral("<h3>Replication between sites</h3>\n") + repTableOpen();
        out += repRow({QStringLiteral("master"), QStringLiteral("replica"), QStringLiteral("mode"),
                       QStringLiteral("#lag ms"), QStringLiteral("#+ms per write"),
                       QStringLiteral("#writes lost if the master's site fails (est.; on the "
                                      "replica promoted)")},
                      true);
        out += repl + QStringLiteral("</table>\n");
    }

    // Geo routing: the users a site's loss cuts off, and for how long.
    QString users;
    if (plan.acyclic) {
        for (const core::GeoUsersLoss& loss : core::geoUsersLosses(m_topology, plan)) {
            users += repRow({repQs(m_topology.nodes[loss.client].displayName()),
                             repNodeName(m_topology, m_topology.links[loss.home].to),
                             repNodeName(m_topology, m_topology.links[loss.away].to),
                             QLatin1Char('#') + reportNumber(loss.movedRps, 0),
                             QLatin1Char('#') + reportNumber(loss.backAfterS, 0),
                             QLatin1Char('#') + reportNumber(loss.failedRequests, 0),
                             QLatin1Char('#') + reportMs(loss.extraMs)});
        }
    }
    if (!users.isEmpty()) {
        out += QStringLiteral("<h3>Geo DNS: users when their site fails</h3>\n") + repTableOpen();
        out += repRow({QStringLiteral("users"), QStringLiteral("home entry"),
                       QStringLiteral("then served by"), QStringLiteral("#req/s moved"),
                       QStringLiteral("#all back after s"),
                       QStringLiteral("#requests failed (est.)"), QStringLiteral("#+ms then")},
                      true);
        out += users + QStringLiteral("</table>\n");
    }
    if (m_hasRun) {
        const RJson& requests = repSub(m_results, "requests");
        out += QStringLiteral("<p>This run: %1 requests failed, %2 acknowledged writes lost "
                              "(every cause together; the estimates above are per site "
                              "failure).</p>\n")
                   .arg(reportNumber(repNum(requests, "failed"), 0),
                        reportNumber(repNum(repSub(m_results, "data"), "lost_writes"), 0));
    }
    return out;
}

} // namespace scalelab::gui
