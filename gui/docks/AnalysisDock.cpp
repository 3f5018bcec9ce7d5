#include "gui/docks/AnalysisDock.h"

#include <algorithm>
#include <cmath>

#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "core/analysis/SiteLoss.h"
#include "core/sim/Results.h"
#include "core/sim/SiteOutages.h"
#include "gui/docks/AnalysisNodeTable.h"
#include "gui/docks/RunConfidenceLabel.h"
#include "gui/docks/SiteLossTable.h"
#include "gui/docks/WrappedTextDelegate.h"
#include "gui/document/Document.h"
#include "gui/planning/PriceBook.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace analysis_dock_detail {
constexpr int kAnalysisNodeRole = Qt::UserRole + 1;
// The baseline's columns come last so the others keep their places.
enum Column {
    ColNode,
    ColRate,
    ColUtil,
    ColWait,
    ColResponse,
    ColSimUtil,
    ColSimResponse,
    ColNotes,
    ColBaseUtil,
    ColBaseResponse,
    ColDeltaResponse,
    ColColumnCount
};

QString dockMs(double v)
{
    if (std::isinf(v))
        return QStringLiteral("\u221e");
    return QString::number(v, 'f', v < 10 ? 2 : 1);
}

QString dockPct(double v)
{
    return std::isinf(v) ? QStringLiteral("\u221e")
                         : QStringLiteral("%1 %").arg(v * 100, 0, 'f', 0);
}

std::size_t hottestShard(const std::vector<core::ShardEstimate>& shards)
{
    std::size_t hot = 0;
    for (std::size_t s = 1; s < shards.size(); ++s)
        if (shards[s].share > shards[hot].share)
            hot = s;
    return hot;
}

QColor dockLoadColor(double utilization)
{
    if (utilization >= 1.0)
        return QColor(0xf5, 0xb7, 0xb1); // saturated
    if (utilization >= 0.8)
        return QColor(0xfa, 0xd7, 0xa0); // hot: waits climb steeply from here
    return {};
}
} // namespace analysis_dock_detail

using namespace analysis_dock_detail;

AnalysisDock::~AnalysisDock()
{
    disconnect(m_sectionResized);
    m_nodes->viewport()->removeEventFilter(this);
}

AnalysisDock::AnalysisDock(Document* document, QWidget* parent)
    : QDockWidget(tr("Analysis"), parent), m_document(document), m_summary(new QLabel),
      m_nodes(new AnalysisNodeTable(ColNotes)), m_findings(new QListWidget),
      m_findingsTitle(new QLabel), m_comparison(new QLabel), m_sites(new SiteLossTable),
      m_sitesBox(new QWidget), m_confidence(new RunConfidenceLabel)
{
    setObjectName(QStringLiteral("AnalysisDock"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setMargin(4);

    m_nodes->setColumnCount(ColColumnCount);
    // Short headers (the units in their tooltips): the figures leave the names room in a
    // panel 310 pixels wide.
    m_nodes->setHeaderLabels({tr("Node"), tr("req/s"), tr("Util."), tr("Wait"), tr("Resp."),
                              tr("Sim. util."), tr("Sim. resp."), tr("Notes"), tr("Base util."),
                              tr("Base resp."), tr("\u0394 resp.")});
    m_nodes->headerItem()->setToolTip(ColRate, tr("Estimated arrivals (requests per second)"));
    m_nodes->headerItem()->setToolTip(ColResponse,
                                      tr("Estimated mean response time, wait and service (ms)"));
    m_nodes->headerItem()->setToolTip(ColSimUtil,
                                      tr("Busy fraction of the servers in the run (95% interval)"));
    m_nodes->headerItem()->setToolTip(ColSimResponse, tr("Mean response time in the run (ms)"));
    m_nodes->headerItem()->setToolTip(ColDeltaResponse,
                                      tr("Simulated response time minus the baseline's (ms)"));
    m_comparison->setWordWrap(true);
    m_comparison->setTextFormat(Qt::RichText);
    m_comparison->setMargin(4);
    m_comparison->hide();
    m_nodes->setRootIsDecorated(false);
    m_nodes->setAlternatingRowColors(true);
    m_nodes->setFrameShape(QFrame::NoFrame);
    m_nodes->header()->setStretchLastSection(true);
    m_nodes->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Notes are sentences: drawn last (after the baseline's columns too), as wide as the
    // panel leaves them (Stretch: never wider, so they never scroll sideways) and wrapped
    // there, each row as tall as its notes need (issue 18).
    m_nodes->header()->moveSection(m_nodes->header()->visualIndex(ColNotes), ColColumnCount - 1);
    m_nodes->header()->setSectionResizeMode(ColNotes, QHeaderView::Stretch);
    m_nodes->header()->setMinimumSectionSize(36);
    m_nodes->setItemDelegateForColumn(ColNotes, new WrappedTextDelegate(m_nodes));
    m_nodes->setWordWrap(true);
    m_nodes->setUniformRowHeights(false);
    // A name wider than its column wraps at its spaces (RowHeightDelegate makes the row
    // tall enough); only a single word wider than the column ends in "…" (the tooltip has
    // it whole).
    m_nodes->setTextElideMode(Qt::ElideRight);
    // Rows are measured at the notes' width: measured again when it changes. The figures'
    // widths and the panel's decide that width.
    m_sectionResized = connect(m_nodes->header(), &QHeaderView::sectionResized, m_nodes,
                               [this](int section, int, int) {
                                   // The notes, and names, wrap at their columns'
                                   // widths: the rows' heights change with them.
                                   if (section == ColNotes || section == ColNode)
                                       m_nodes->doItemsLayout();
                                   if (section != ColNotes)
                                       fitNotesColumn();
                               });
    m_nodes->viewport()->installEventFilter(this);
    m_nodes->headerItem()->setToolTip(ColUtil,
                                      tr("Estimated busy fraction of the servers (M/M/c)"));
    m_nodes->headerItem()->setToolTip(ColWait,
                                      tr("Estimated mean wait in the queue, Erlang C (ms)"));

    // Findings are sentences: a list that wraps them to the panel's width.
    m_findings->setWordWrap(true);
    m_findings->setTextElideMode(Qt::ElideNone);
    m_findings->setResizeMode(QListView::Adjust);
    m_findings->setUniformItemSizes(false);
    m_findings->setAlternatingRowColors(true);
    m_findings->setFrameShape(QFrame::NoFrame);
    m_findingsTitle->setMargin(4);
    auto* findingsBox = new QWidget;
    auto* findingsLayout = new QVBoxLayout(findingsBox);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->setSpacing(0);
    findingsLayout->addWidget(m_findingsTitle);
    findingsLayout->addWidget(m_findings, 1);

    // Data centers: one row per site, under its own title; hidden without sites.
    auto* sitesTitle = new QLabel(tr("<b>Data centers</b>: what losing each site costs"));
    sitesTitle->setMargin(4);
    auto* sitesLayout = new QVBoxLayout(m_sitesBox);
    sitesLayout->setContentsMargins(0, 0, 0, 0);
    sitesLayout->setSpacing(0);
    sitesLayout->addWidget(sitesTitle);
    sitesLayout->addWidget(m_sites, 1);
    m_sitesBox->hide();

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_nodes);
    splitter->addWidget(m_sitesBox);
    splitter->addWidget(findingsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 2);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_summary);
    layout->addWidget(m_confidence);
    layout->addWidget(m_comparison);
    layout->addWidget(splitter, 1);
    setWidget(body);

    const auto activate = [this](QTreeWidgetItem* item) {
        const QString id = item ? item->data(0, kAnalysisNodeRole).toString() : QString();
        if (!id.isEmpty())
            Q_EMIT nodeActivated(core::NodeId{id.toStdString()});
    };
    connect(m_nodes, &QTreeWidget::itemClicked, this, activate);
    connect(m_nodes, &QTreeWidget::itemActivated, this, activate);
    const auto activateFinding = [this](QListWidgetItem* item) {
        const QString id = item ? item->data(kAnalysisNodeRole).toString() : QString();
        if (!id.isEmpty())
            Q_EMIT nodeActivated(core::NodeId{id.toStdString()});
    };
    connect(m_findings, &QListWidget::itemClicked, this, activateFinding);
    connect(m_findings, &QListWidget::itemActivated, this, activateFinding);
    // Validation runs shortly after each edit (coalesced); the estimates follow it, so a
    // drag of many steps costs one analysis.
    connect(document, &Document::diagnosticsChanged, this, &AnalysisDock::refresh);
    connect(&PriceBook::instance(), &PriceBook::changed, this, &AnalysisDock::refresh);
    refresh();
}

void AnalysisDock::setRunResults(const core::sim::RunResults& results)
{
    m_measured.clear();
    for (const auto& n : results.nodes)
        m_measured[n.id] = {
            n.utilization,
            n.meanResponseMs,
            n.utilizationCi95,
            n.instancesMean,
            n.edge && n.hits + n.misses > 0
                ? static_cast<double>(n.hits) / static_cast<double>(n.hits + n.misses)
                : -1.0,
            n.sessions && n.arrivals > 0
                ? static_cast<double>(n.sessionMisses) / static_cast<double>(n.arrivals)
                : -1.0,
            n.shards};
    m_runHeadline = Headline{results.throughputRps, results.latency.mean, results.latency.p99,
                             results.availability};
    m_measuredJobMs.reset();
    if (results.jobs.present && results.jobs.completed > 0)
        m_measuredJobMs = results.jobs.latency.mean;
    m_sites->setRun(core::sim::siteOutages(results), results.lostWrites);
    m_confidence->setResults(results);
    fillNodes();
    updateComparison();
}

void AnalysisDock::clearRunResults()
{
    m_measured.clear();
    m_runHeadline.reset();
    m_measuredJobMs.reset();
    m_sites->clearRun();
    m_confidence->clearResults();
    fillNodes();
    updateComparison();
}

void AnalysisDock::setBaseline(const core::sim::RunResults* baseline, const QString& label)
{
    m_baseline.clear();
    m_baseHeadline.reset();
    m_baselineLabel = label;
    if (baseline) {
        for (const auto& n : baseline->nodes)
            m_baseline[n.id] = {n.utilization, n.meanResponseMs};
        m_baseHeadline = Headline{baseline->throughputRps, baseline->latency.mean,
                                  baseline->latency.p99, baseline->availability};
    }
    fillNodes();
    updateComparison();
}

void AnalysisDock::updateComparison()
{
    if (!m_baseHeadline) {
        m_comparison->hide();
        return;
    }
    const Headline& b = *m_baseHeadline;
    QString text = tr("<b>Baseline</b> %1").arg(m_baselineLabel.toHtmlEscaped());
    if (!m_runHeadline) {
        text += tr(": %1 req/s, mean %2 ms, p99 %3 ms. Run the changed design to compare.")
                    .arg(b.throughputRps, 0, 'f', 1)
                    .arg(dockMs(b.meanMs), dockMs(b.p99Ms));
    } else {
        const Headline& r = *m_runHeadline;
        // Lower is better for times, higher for throughput and availability.
        const auto delta = [](double now, double base, bool lowerIsBetter, int decimals,
                              const QString& unit) {
            const double d = now - base;
            const bool better = lowerIsBetter ? d < 0 : d > 0;
            const QString colour = std::abs(d) < 1e-12 ? QStringLiteral("#555555")
                                   : better            ? QStringLiteral("#047857")
                                                       : QStringLiteral("#b91c1c");
            return QStringLiteral("%1%2 (base %3, <span style='color:%4'>%5%6</span>)")
                .arg(now, 0, 'f', decimals)
                .arg(unit)
                .arg(base, 0, 'f', decimals)
                .arg(colour, d > 0 ? QStringLiteral("+") : QString())
                .arg(d, 0, 'f', decimals);
        };
        text += tr("<br>throughput %1<br>mean %2 &middot; p99 %3<br>availability %4")
                    .arg(delta(r.throughputRps, b.throughputRps, false, 1, tr(" req/s")),
                         delta(r.meanMs, b.meanMs, true, 1, tr(" ms")),
                         delta(r.p99Ms, b.p99Ms, true, 1, tr(" ms")),
                         delta(100 * r.availability, 100 * b.availability, false, 2, tr(" %")));
    }
    m_comparison->setText(text);
    m_comparison->show();
}

void AnalysisDock::refresh()
{
    // An invalid design (a loop, a dangling link) has no meaningful estimate: say why.
    m_valid = !core::hasErrors(m_document->diagnostics());
    m_analysis = m_valid ? core::analyze(PriceBook::instance().priced(m_document->topology()),
                                         core::NodeNaming::DisplayName)
                         : core::Analysis{};
    if (!m_valid) {
        m_summary->setText(tr("<i>Fix the errors in Problems to see estimates.</i>"));
    } else {
        const auto time = [](const std::optional<double>& v) {
            return v ? dockMs(*v) + QStringLiteral(" ms") : QStringLiteral("-");
        };
        QString text = tr("<b>End to end</b> %1 (reads %2, writes %3)")
                           .arg(time(m_analysis.endToEndMeanMs), time(m_analysis.endToEndReadMs),
                                time(m_analysis.endToEndWriteMs));
        if (m_analysis.bottleneck) {
            const core::NodeEstimate* b = m_analysis.node(*m_analysis.bottleneck);
            // Below 1 the design is over capacity: "can grow 0.67x" said the opposite.
            text += (m_analysis.maxScale >= 1
                         ? tr("<br><b>Bottleneck</b> %1 at %2; load can grow <b>%3\u00d7</b>")
                         : tr("<br><b>Bottleneck</b> %1 at %2; overloaded: the load must fall to "
                              "<b>%3\u00d7</b>"))
                        .arg(nodeName(*m_analysis.bottleneck).toHtmlEscaped(),
                             dockPct(b ? b->utilization : 0),
                             QString::number(m_analysis.maxScale, 'f', 2));
        }
        QStringList spof;
        for (const auto& id : m_analysis.singlePointsOfFailure)
            spof << nodeName(id).toHtmlEscaped();
        text += tr("<br><b>Single points of failure</b> %1")
                    .arg(spof.isEmpty() ? tr("none") : spof.join(QStringLiteral(", ")));
        const QString sheet = PriceBook::instance().sheetName();
        text += tr("<br><b>Cost</b> %1 (%2)")
                    .arg(costText(m_analysis.cost.perHour, m_analysis.cost.perMonth),
                         sheet.isEmpty() ? tr("illustrative prices") : sheet.toHtmlEscaped());
        m_summary->setText(text);
    }
    m_sites->setEstimates(m_valid ? core::siteLosses(m_document->topology(), m_analysis)
                                  : std::vector<core::SiteLoss>{});
    m_sitesBox->setVisible(m_sites->topLevelItemCount() > 0);
    fillNodes();
    fillFindings();
    Q_EMIT analysisChanged();
}

QString AnalysisDock::nodeName(const core::NodeId& id) const
{
    const core::Node* node = m_document->topology().findNode(id);
    return QString::fromStdString(node ? node->displayName() : id.str());
}

void AnalysisDock::fillNodes()
{
    m_nodes->clear();
    const bool run = !m_measured.empty();
    const bool base = !m_baseline.empty();
    m_dataColumns.assign(ColColumnCount, true);
    m_dataColumns[ColSimUtil] = m_dataColumns[ColSimResponse] = run;
    m_dataColumns[ColBaseUtil] = m_dataColumns[ColBaseResponse] = base;
    m_dataColumns[ColDeltaResponse] = base && run;
    for (int c = 0; c < ColColumnCount; ++c)
        if (c != ColNotes)
            m_nodes->setColumnHidden(c, !m_dataColumns[c]);
    for (const auto& e : m_analysis.nodes) {
        if (e.source)
            continue;
        auto* item = new QTreeWidgetItem(m_nodes);
        const QString id = QString::fromStdString(e.id.str());
        // The name people gave it, as on the canvas; the id is in the tooltip.
        item->setText(ColNode, nodeName(e.id));
        item->setToolTip(
            ColNode, nodeName(e.id) == id ? id : QStringLiteral("%1 (%2)").arg(nodeName(e.id), id));
        item->setData(0, kAnalysisNodeRole, id);
        item->setText(ColRate, QString::number(e.arrivalRps, 'f', 1));
        item->setText(ColUtil, e.stable ? dockPct(e.utilization)
                                        : tr("%1 (saturated)").arg(dockPct(e.utilization)));
        item->setText(ColWait, dockMs(e.meanWaitMs));
        item->setText(ColResponse, dockMs(e.meanResponseMs));
        if (const QColor c = dockLoadColor(e.utilization); c.isValid())
            item->setBackground(ColUtil, c);
        if (auto it = m_measured.find(e.id.str()); it != m_measured.end()) {
            item->setText(ColSimUtil, utilizationWithInterval(it->second.utilization,
                                                              it->second.utilizationCi95));
            item->setText(ColSimResponse, dockMs(it->second.meanResponseMs));
            if (const QColor c = dockLoadColor(it->second.utilization); c.isValid())
                item->setBackground(ColSimUtil, c);
        }
        if (auto b = m_baseline.find(e.id.str()); b != m_baseline.end()) {
            item->setText(ColBaseUtil, dockPct(b->second.utilization));
            item->setText(ColBaseResponse, dockMs(b->second.meanResponseMs));
            if (auto now = m_measured.find(e.id.str()); now != m_measured.end()) {
                const double d = now->second.meanResponseMs - b->second.meanResponseMs;
                item->setText(ColDeltaResponse,
                              (d > 0 ? QStringLiteral("+") : QString()) + dockMs(d));
                if (std::abs(d) > 0.05 * std::max(1e-9, b->second.meanResponseMs))
                    item->setForeground(ColDeltaResponse, d < 0 ? QColor(0x04, 0x78, 0x57)
                                                                : QColor(0xb9, 0x1c, 0x1c));
            }
        }
        QStringList notes;
        if (m_analysis.bottleneck == e.id)
            notes << tr("bottleneck");
        if (std::find(m_analysis.singlePointsOfFailure.begin(),
                      m_analysis.singlePointsOfFailure.end(),
                      e.id) != m_analysis.singlePointsOfFailure.end())
            notes << tr("single point of failure");
        const auto measured = m_measured.find(e.id.str());
        if (e.hitRatio) {
            QString hit = tr("hit ratio %1").arg(dockPct(*e.hitRatio));
            if (measured != m_measured.end() && measured->second.hitRatio >= 0)
                hit += tr(" (run %1)").arg(dockPct(measured->second.hitRatio));
            notes << hit;
        }
        // Sessions: the share of requests that log in again, beside the run's.
        if (e.sessionMissRatio) {
            QString miss = tr("session misses %1").arg(dockPct(*e.sessionMissRatio));
            if (measured != m_measured.end() && measured->second.sessionMissRatio >= 0)
                miss += tr(" (run %1)").arg(dockPct(measured->second.sessionMissRatio));
            notes << miss;
        }
        // A pool: the instances the estimate needs at this load, beside the run's mean.
        const core::Node* node = m_document->topology().findNode(e.id);
        if (node && e.instances > 0 && (e.instances > 1 || node->flag("autoscale"))) {
            QString pool = countOf(e.instances, tr("instance"), tr("instances"));
            if (measured != m_measured.end() && measured->second.instancesMean >= 0)
                pool +=
                    tr(" (run %1)").arg(QString::number(measured->second.instancesMean, 'f', 1));
            notes << pool;
        }
        if (!e.shards.empty()) {
            const std::size_t hot = hottestShard(e.shards);
            notes << tr("%1 shards, hottest %2 takes %3 at %4")
                         .arg(e.shards.size())
                         .arg(hot)
                         .arg(dockPct(e.shards[hot].share), dockPct(e.shards[hot].utilization));
            fillShards(item, e);
        }
        if (e.jobs) {
            // The pooled estimate beside the run's figure (all queues together).
            QString jobs = tr("jobs %1/s, workers %2 busy, job latency %3 ms")
                               .arg(QString::number(e.jobs->arrivalRps, 'f', 1),
                                    dockPct(e.jobs->utilization), dockMs(e.jobs->meanLatencyMs));
            if (m_measuredJobMs && !m_measured.empty())
                jobs += tr(" (sim. %1 ms)").arg(dockMs(*m_measuredJobMs));
            notes << jobs;
        }
        item->setText(ColNotes, notes.join(QStringLiteral(", ")));
        item->setToolTip(ColNotes, item->text(ColNotes));
        // Every figure of the row in each figure's tooltip: a narrow panel drops columns.
        QStringList figures;
        for (int c = ColRate; c < ColColumnCount; ++c)
            if (c != ColNotes && m_dataColumns[c] && !item->text(c).isEmpty())
                figures << QStringLiteral("%1: %2").arg(m_nodes->headerItem()->text(c),
                                                        item->text(c));
        for (int c = ColRate; c < ColColumnCount; ++c)
            if (c != ColNotes) {
                item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(c, figures.join(QLatin1Char('\n')));
            }
    }
    // Shards are child rows: the tree shows its branches only when there are some.
    bool children = false;
    for (int i = 0; i < m_nodes->topLevelItemCount() && !children; ++i)
        children = m_nodes->topLevelItem(i)->childCount() > 0;
    m_nodes->setRootIsDecorated(children);
    fitNotesColumn();
}

bool AnalysisDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_nodes->viewport() && event->type() == QEvent::Resize) {
        fitNotesColumn();
        if (m_nodes->notesBelow())
            m_nodes->doItemsLayout(); // the notes wrap at the new width
    }
    return QDockWidget::eventFilter(watched, event);
}

void AnalysisDock::fitNotesColumn()
{
    // Narrower than this, notes wrap to a word a line and the rows grow tall.
    constexpr int kReadableNotes = 200;
    // What a narrow panel drops first, until the names fit whole: the estimated wait (the
    // response holds it), the baseline's own figures (the difference stays), then the
    // estimates a run's figures stand beside, and last the arrival rate. Every row's
    // figures stay in its tooltip; names the figures still leave too little wrap.
    constexpr int kDropOrder[] = {ColWait,     ColBaseUtil, ColBaseResponse,
                                  ColResponse, ColUtil,     ColRate};
    if (m_fitting || m_dataColumns.size() != ColColumnCount)
        return;
    m_fitting = true;
    QHeaderView* header = m_nodes->header();
    const auto width = [&](int c) {
        return std::max(m_nodes->contentWidth(c), header->sectionSizeHint(c));
    };
    std::vector<bool> shown = m_dataColumns;
    int figures = 0;
    for (int c = ColRate; c < ColColumnCount; ++c)
        if (c != ColNotes && shown[c])
            figures += width(c);
    const int panel = m_nodes->viewport()->width();
    const bool room = panel - figures - width(ColNode) >= kReadableNotes;
    // With room, the notes are the last column and take what the figures leave. Without,
    // they go under each row's figures, the names take what the figures leave, and
    // figures drop until the names fit whole (wrapped when none is left to drop): the
    // table is never wider than the panel.
    if (!room)
        for (int c : kDropOrder) {
            if (figures + width(ColNode) <= panel)
                break;
            const bool beside = c == ColResponse ? shown[ColSimResponse]
                                : c == ColUtil   ? shown[ColSimUtil]
                                                 : true;
            if (shown[c] && beside) {
                shown[c] = false;
                figures -= width(c);
            }
        }
    for (int c = 0; c < ColColumnCount; ++c)
        if (c != ColNotes && m_nodes->isColumnHidden(c) == shown[c])
            m_nodes->setColumnHidden(c, !shown[c]);
    m_nodes->setNotesBelow(!room);
    header->setStretchLastSection(room);
    header->setSectionResizeMode(ColNode,
                                 room ? QHeaderView::ResizeToContents : QHeaderView::Stretch);
    header->setSectionResizeMode(ColNotes, room ? QHeaderView::Stretch : QHeaderView::Interactive);
    m_fitting = false;
}

void AnalysisDock::fillShards(QTreeWidgetItem* row, const core::NodeEstimate& e)
{
    // One child row per shard: its share of the node's requests on its own station, the
    // run's figures beside; the hot shard (the largest share) in bold.
    const std::size_t hot = hottestShard(e.shards);
    const auto measured = m_measured.find(e.id.str());
    const QString id = QString::fromStdString(e.id.str());
    for (std::size_t s = 0; s < e.shards.size(); ++s) {
        const core::ShardEstimate& shard = e.shards[s];
        auto* child = new QTreeWidgetItem(row);
        child->setText(ColNode, tr("shard %1").arg(s));
        child->setData(0, kAnalysisNodeRole, id);
        child->setText(ColRate, QString::number(shard.arrivalRps, 'f', 1));
        child->setText(ColUtil, shard.stable
                                    ? dockPct(shard.utilization)
                                    : tr("%1 (saturated)").arg(dockPct(shard.utilization)));
        child->setText(ColWait, dockMs(shard.meanWaitMs));
        child->setText(ColResponse, dockMs(shard.meanResponseMs));
        if (const QColor c = dockLoadColor(shard.utilization); c.isValid())
            child->setBackground(ColUtil, c);
        if (measured != m_measured.end() && s < measured->second.shards.size()) {
            const auto& run = measured->second.shards[s];
            child->setText(ColSimUtil, dockPct(run.utilization));
            child->setText(ColSimResponse, dockMs(run.meanResponseMs));
            if (const QColor c = dockLoadColor(run.utilization); c.isValid())
                child->setBackground(ColSimUtil, c);
        }
        QString note = tr("%1 of the requests").arg(dockPct(shard.share));
        if (s == hot && e.shards.size() > 1) {
            note = tr("hot shard: ") + note;
            QFont bold = child->font(ColNode);
            bold.setBold(true);
            for (int c = 0; c < ColColumnCount; ++c)
                child->setFont(c, bold);
        }
        child->setText(ColNotes, note);
        for (int c = ColRate; c < ColColumnCount; ++c)
            if (c != ColNotes)
                child->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    row->setExpanded(true);
}

void AnalysisDock::fillFindings()
{
    m_findings->clear();
    QStyle* style = QApplication::style();
    for (const auto& f : m_analysis.findings) {
        auto* item = new QListWidgetItem(m_findings);
        const QStyle::StandardPixmap icon =
            f.severity == core::Severity::Error     ? QStyle::SP_MessageBoxCritical
            : f.severity == core::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                    : QStyle::SP_MessageBoxInformation;
        item->setIcon(style->standardIcon(icon));
        item->setText(QString::fromStdString(f.sentence()));
        item->setToolTip(QString::fromStdString(f.sentence()));
        item->setData(kAnalysisNodeRole, QString::fromStdString(f.node.str()));
    }
    const int count = static_cast<int>(m_analysis.findings.size());
    m_findingsTitle->setText(count ? tr("<b>Findings</b> (%1)").arg(count)
                                   : tr("<b>Findings</b>: none"));
}

} // namespace scalelab::gui
