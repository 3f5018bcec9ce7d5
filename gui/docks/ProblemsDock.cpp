#include "gui/docks/ProblemsDock.h"

#include <QApplication>
#include <QHeaderView>
#include <QStyle>
#include <QTreeWidget>

#include "gui/document/Document.h"
#include "gui/util/Counting.h"

namespace scalelab::gui {

namespace {
constexpr int kProblemNodeRole = Qt::UserRole + 1;
} // namespace

ProblemsDock::ProblemsDock(Document* document, QWidget* parent)
    : QDockWidget(tr("Problems"), parent), m_document(document), m_tree(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("ProblemsDock"));
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Problem"), tr("Node"), tr("Where")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    setWidget(m_tree);
    auto activate = [this](QTreeWidgetItem* item) {
        const QString id = item ? item->data(0, kProblemNodeRole).toString() : QString();
        if (!id.isEmpty())
            Q_EMIT nodeActivated(core::NodeId{id.toStdString()});
    };
    connect(m_tree, &QTreeWidget::itemClicked, this, activate);
    connect(m_tree, &QTreeWidget::itemActivated, this, activate);
    connect(document, &Document::diagnosticsChanged, this, &ProblemsDock::refresh);
    refresh();
}

void ProblemsDock::refresh()
{
    m_tree->clear();
    const QIcon errorIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    int errors = 0;
    int warnings = 0;
    for (const auto& d : m_document->diagnostics()) {
        const bool isError = d.severity == core::Severity::Error;
        (isError ? errors : warnings)++;
        auto* item = new QTreeWidgetItem(m_tree);
        item->setIcon(0, isError ? errorIcon : warningIcon);
        item->setText(0, QString::fromStdString(d.message));
        item->setToolTip(0, QString::fromStdString(d.toString()));
        item->setText(1, QString::fromStdString(d.nodeId));
        item->setText(2, QString::fromStdString(d.path.empty() ? "/" : d.path));
        item->setData(0, kProblemNodeRole, QString::fromStdString(d.nodeId));
    }
    if (errors == 0 && warnings == 0) {
        auto* item = new QTreeWidgetItem(m_tree);
        item->setText(0, tr("No problems: the diagram is valid"));
        item->setIcon(0, QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton));
        setWindowTitle(tr("Problems"));
    } else {
        setWindowTitle(tr("Problems (%1, %2)")
                           .arg(countOf(errors, tr("error"), tr("errors")),
                                countOf(warnings, tr("warning"), tr("warnings"))));
    }
}

} // namespace scalelab::gui
