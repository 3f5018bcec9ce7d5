#include "gui/app/GettingStartedDialog.h"

#include <algorithm>

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "gui/app/LessonText.h"

namespace scalelab::gui {

GettingStartedDialog::GettingStartedDialog(QVector<ExampleFile> examples, QWidget* parent)
    : QDialog(parent), m_examples(std::move(examples)), m_list(new QListWidget(this)),
      m_page(new QTextBrowser(this)), m_previous(new QPushButton(tr("◀ Previous"), this)),
      m_next(new QPushButton(tr("Next ▶"), this)),
      m_open(new QPushButton(tr("&Open Example"), this)),
      m_openRun(new QPushButton(tr("Open and &Run"), this))
{
    setObjectName(QStringLiteral("GettingStartedDialog"));
    setWindowTitle(tr("Getting Started"));
    auto* intro = new QLabel(
        tr("The examples tell the story of scaling a web site from one server to millions of "
           "users, one step each. Open one, press <b>Run</b> (F5), watch what the page says, "
           "then change what it suggests and run again. Opening an example opens a copy: "
           "your changes never overwrite it."),
        this);
    intro->setWordWrap(true);
    // The examples' own names carry their place in the story ("1. Single server",
    // "Challenge 1: Black Friday").
    for (const ExampleFile& e : m_examples)
        m_list->addItem(e.name);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setMinimumWidth(m_list->sizeHintForColumn(0) + 12);
    m_page->setOpenLinks(false);
    auto* split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(m_page);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({m_list->minimumWidth(), 560});
    m_open->setToolTip(tr("Open a copy of this example in the window"));
    m_openRun->setToolTip(tr("Open a copy of this example and start its run"));
    m_openRun->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_previous);
    buttons->addWidget(m_next);
    buttons->addStretch(1);
    buttons->addWidget(m_open);
    buttons->addWidget(m_openRun);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &GettingStartedDialog::showLesson);
    connect(m_previous, &QPushButton::clicked, this,
            [this] { m_list->setCurrentRow(currentLesson() - 1); });
    connect(m_next, &QPushButton::clicked, this,
            [this] { m_list->setCurrentRow(currentLesson() + 1); });
    const auto open = [this](bool run) {
        const int i = currentLesson();
        if (i >= 0 && i < lessonCount())
            Q_EMIT openRequested(m_examples[i].path, run);
    };
    connect(m_open, &QPushButton::clicked, this, [open] { open(false); });
    connect(m_openRun, &QPushButton::clicked, this, [open] { open(true); });
    connect(m_list, &QListWidget::itemDoubleClicked, this, [open] { open(false); });
    resize(std::max(900, m_list->minimumWidth() + 620), 560);
    m_list->setCurrentRow(m_examples.isEmpty() ? -1 : 0);
    showLesson(currentLesson());
}

int GettingStartedDialog::currentLesson() const
{
    return m_list->currentRow();
}

void GettingStartedDialog::showLesson(int index)
{
    const bool valid = index >= 0 && index < lessonCount();
    m_previous->setEnabled(valid && index > 0);
    m_next->setEnabled(valid && index + 1 < lessonCount());
    m_open->setEnabled(valid);
    m_openRun->setEnabled(valid);
    if (!valid) {
        m_page->setHtml(tr("<p>No examples were found beside the program.</p>"));
        return;
    }
    if (m_list->currentRow() != index)
        m_list->setCurrentRow(index);
    const ExampleFile& e = m_examples[index];
    const LessonText text = LessonText::parse(e.description);
    QString html = QStringLiteral("<h2>%1</h2>").arg(m_list->item(index)->text().toHtmlEscaped());
    const auto section = [&html](const QString& title, const QString& body) {
        if (!body.isEmpty())
            html += QStringLiteral("<h3>%1</h3><p>%2</p>").arg(title, body.toHtmlEscaped());
    };
    section(text.challenge ? tr("The challenge") : tr("The lesson"), text.lesson);
    section(tr("What to watch"), text.watch);
    section(tr("What to try"), text.tryIt);
    m_page->setHtml(html);
}

QString GettingStartedDialog::pageText() const
{
    return m_page->toPlainText();
}

} // namespace scalelab::gui
