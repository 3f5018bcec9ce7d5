#include "gui/app/ShortcutsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "gui/app/ShortcutList.h"

namespace scalelab::gui {

ShortcutsDialog::ShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent), m_menus(menus), m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("ShortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Where"), tr("Action"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(640, 560);
    refill();
}

void ShortcutsDialog::refill()
{
    std::vector<ShortcutEntry> rows = menuShortcuts(m_menus);
    for (ShortcutEntry& g : canvasGestures())
        rows.push_back(std::move(g));
    m_table->setRowCount(static_cast<int>(rows.size()));
    QString lastMenu;
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
        const ShortcutEntry& e = rows[static_cast<std::size_t>(r)];
        // The menu is named once, at the first of its actions: the list reads as groups.
        auto* where = new QTableWidgetItem(e.menu == lastMenu ? QString() : e.menu);
        where->setData(Qt::UserRole, e.menu);
        QFont bold = where->font();
        bold.setBold(true);
        where->setFont(bold);
        lastMenu = e.menu;
        m_table->setItem(r, 0, where);
        m_table->setItem(r, 1, new QTableWidgetItem(e.action));
        m_table->setItem(r, 2, new QTableWidgetItem(e.keys));
    }
}

} // namespace scalelab::gui
