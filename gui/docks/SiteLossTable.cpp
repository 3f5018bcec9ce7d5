#include "gui/docks/SiteLossTable.h"

#include <cmath>

#include <QHeaderView>
#include <QLocale>

namespace scalelab::gui {

namespace site_loss_table_detail {
// 12,000 rather than 12000 or 1.2e+04: the figures are counts a person compares.
QString count(double v)
{
    return QLocale(QLocale::English).toString(static_cast<qlonglong>(std::llround(v)));
}

QString seconds(double v)
{
    return QStringLiteral("%1 s").arg(QLocale(QLocale::English).toString(v, 'g', 4));
}
} // namespace site_loss_table_detail

using namespace site_loss_table_detail;

SiteLossTable::SiteLossTable(QWidget* parent) : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("SiteLossTable"));
    setColumnCount(ColCount);
    setHeaderLabels({tr("Site lost"), tr("Nodes"), tr("Req. failed"), tr("All back"),
                     tr("+ms away"), tr("Writes lost"), tr("Cut off"), tr("Sim. failed"),
                     tr("Sim. writes lost"), tr("Notes")});
    QTreeWidgetItem* h = headerItem();
    h->setToolTip(ColNodes, tr("Nodes that fail with the site (its users stay and keep sending)"));
    h->setToolTip(ColFailed, tr("Requests of the site's users behind a geo DNS that fail until "
                                "it notices (detect_s) and their cached answer expires "
                                "(dns_ttl_s, half of it on average)"));
    h->setToolTip(ColBackAfter, tr("Every moved user is served again after detect_s + dns_ttl_s"));
    h->setToolTip(ColExtraMs, tr("Round trip added to each request once served from the other "
                                 "site (the longer link, both ways)"));
    h->setToolTip(ColLostWrites, tr("Acknowledged writes lost: write rate x lag of the replica "
                                    "promoted in another site (none with mode sync)"));
    h->setToolTip(ColCutOff, tr("Requests per second that still fail once every failover is done: "
                                "no other site serves them"));
    h->setToolTip(ColSimFailed, tr("Requests that failed while the run had the site down (every "
                                   "cause together)"));
    h->setToolTip(ColSimLostWrites, tr("Acknowledged writes the run lost (every cause together)"));
    setRootIsDecorated(false);
    // Notes wrap in the last column rather than being cut.
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setAlternatingRowColors(true);
    setFrameShape(QFrame::NoFrame);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    fill();
}

void SiteLossTable::setEstimates(std::vector<core::SiteLoss> losses)
{
    m_losses = std::move(losses);
    fill();
}

void SiteLossTable::setRun(std::vector<core::sim::SiteOutage> outages, std::uint64_t lostWrites)
{
    m_outages = std::move(outages);
    m_lostWrites = lostWrites;
    fill();
}

QTreeWidgetItem* SiteLossTable::rowOf(const QString& site) const
{
    for (int i = 0; i < topLevelItemCount(); ++i)
        if (topLevelItem(i)->text(ColSite) == site)
            return topLevelItem(i);
    return nullptr;
}

void SiteLossTable::fill()
{
    clear();
    bool anyRun = false;
    for (const core::SiteLoss& loss : m_losses) {
        auto* item = new QTreeWidgetItem(this);
        item->setText(ColSite, QString::fromStdString(loss.site));
        item->setText(ColNodes, QString::number(loss.nodes));
        item->setText(ColFailed, count(loss.failedRequests));
        item->setText(ColBackAfter, loss.movedRps > 0 ? seconds(loss.backAfterS) : QString());
        item->setText(ColExtraMs, loss.movedRps > 0
                                      ? QStringLiteral("+%1").arg(loss.extraMs, 0, 'f', 0)
                                      : QString());
        item->setText(ColLostWrites, count(loss.lostWrites));
        item->setText(ColCutOff, loss.cutOffRps > 1e-9
                                     ? tr("%1 req/s").arg(loss.cutOffRps, 0, 'f', 1)
                                     : tr("none"));
        if (loss.cutOffRps > 1e-9)
            item->setBackground(ColCutOff, QColor(0xf5, 0xb7, 0xb1));
        if (loss.lostWrites >= 0.5)
            item->setBackground(ColLostWrites, QColor(0xfa, 0xd7, 0xa0));
        QStringList notes;
        if (loss.movedRps > 0)
            notes << tr("%1 req/s of users move to another site").arg(loss.movedRps, 0, 'f', 0);
        if (loss.cutOffRps > 1e-9)
            notes << tr("a single point of failure for some users");
        // The run's outages of this site, beside the estimate.
        std::uint64_t failed = 0;
        for (const core::sim::SiteOutage& o : m_outages) {
            if (o.site != loss.site)
                continue;
            anyRun = true;
            failed += o.failedRequests;
            notes << (o.recovered
                          ? tr("run: down %1-%2 s").arg(o.fromS, 0, 'f', 0).arg(o.toS, 0, 'f', 0)
                          : tr("run: down since %1 s").arg(o.fromS, 0, 'f', 0));
            item->setText(ColSimFailed, count(static_cast<double>(failed)));
            item->setText(ColSimLostWrites, count(static_cast<double>(m_lostWrites)));
        }
        item->setText(ColNotes, notes.join(QStringLiteral(", ")));
        for (int c = ColNodes; c < ColNotes; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    setColumnHidden(ColSimFailed, !anyRun);
    setColumnHidden(ColSimLostWrites, !anyRun);
}

} // namespace scalelab::gui
