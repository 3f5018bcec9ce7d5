#pragma once

#include <map>
#include <optional>
#include <vector>

#include <QDockWidget>

#include "core/analysis/Analysis.h"
#include "core/model/Ids.h"
#include "core/sim/Results.h"
#include "gui/docks/AnalysisNodeTable.h"
#include "gui/docks/RunConfidenceLabel.h"

class QLabel;
class QListWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace scalelab::gui {

class Document;
class SiteLossTable;

/// Queueing-theory estimates of the design as it is edited, no run needed: per-node
/// load, utilization (amber over 80 %, red when saturated), waits, the bottleneck, single
/// points of failure and findings; a sharded database's shards (the hot one marked) and,
/// when the design has data centers, what losing each site costs. After a run, the
/// simulated figures sit beside the estimates. Activating a row asks to select its node.
class AnalysisDock : public QDockWidget {
    Q_OBJECT
public:
    explicit AnalysisDock(Document* document, QWidget* parent = nullptr);
    ~AnalysisDock() override;

    const core::Analysis& analysis() const { return m_analysis; }
    /// Shows a run's measured utilization and response time beside the estimates.
    void setRunResults(const core::sim::RunResults& results);
    void clearRunResults();
    /// A kept run (Simulation > Set as Baseline): its figures become columns beside the
    /// current run's, with the differences; null clears it.
    void setBaseline(const core::sim::RunResults* baseline, const QString& label);
    QLabel* comparisonLabel() const { return m_comparison; }
    /// The run's intervals and warnings (hidden without a run).
    QLabel* confidenceLabel() const { return m_confidence; }

    QLabel* summaryLabel() const { return m_summary; }
    QTreeWidget* nodeTable() const { return m_nodes; }
    QListWidget* findingList() const { return m_findings; }
    /// What losing each site costs; hidden when no node is in a site.
    SiteLossTable* siteTable() const { return m_sites; }
    QWidget* sitesBox() const { return m_sitesBox; }

Q_SIGNALS:
    void nodeActivated(const scalelab::core::NodeId& id);
    /// New estimates: views that mark hot nodes or single points of failure refresh.
    void analysisChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// The header's resize handler: cut before the dock is destroyed, since QWidget's
    /// destructor hides (and so resizes) the children after this class is gone.
    QMetaObject::Connection m_sectionResized;
    /// Notes take the room the figures leave, wrapped there; when that is too narrow to
    /// read (a narrow dock) they keep a readable width and the table scrolls instead.
    void fitNotesColumn();
    struct Measured {
        double utilization = 0;
        double meanResponseMs = 0;
        double utilizationCi95 = 0;   ///< 95% half-width; NaN when unknown
        double instancesMean = -1;    ///< pools: serving instances on average
        double hitRatio = -1;         ///< CDNs: share answered at the edge
        double sessionMissRatio = -1; ///< web servers with sessions: logins per request
        std::vector<core::sim::NodeResults::Shard> shards = {}; ///< sharded databases
    };
    /// The run-level figures the comparison line shows.
    struct Headline {
        double throughputRps = 0;
        double meanMs = 0;
        double p99Ms = 0;
        double availability = 1;
    };
    void updateComparison();

    void refresh();
    void fillNodes();
    void fillFindings();
    void fillShards(QTreeWidgetItem* row, const core::NodeEstimate& e);
    /// The node's display name (its id when it has none).
    QString nodeName(const core::NodeId& id) const;

    Document* m_document;
    core::Analysis m_analysis;
    std::map<std::string, Measured> m_measured; ///< by node id, empty without a run
    std::map<std::string, Measured> m_baseline; ///< by node id, empty without a baseline
    std::optional<Headline> m_runHeadline, m_baseHeadline;
    QString m_baselineLabel;
    /// Measured mean job latency of the run (all message queues together), when it has jobs.
    std::optional<double> m_measuredJobMs;
    bool m_valid = true;
    QLabel* m_summary;
    AnalysisNodeTable* m_nodes;
    std::vector<bool> m_dataColumns; ///< the node table's columns the data fills
    bool m_fitting = false;          ///< fitNotesColumn is resizing them
    QListWidget* m_findings;
    QLabel* m_findingsTitle;
    QLabel* m_comparison;
    SiteLossTable* m_sites;
    QWidget* m_sitesBox;
    RunConfidenceLabel* m_confidence;
};

} // namespace scalelab::gui
