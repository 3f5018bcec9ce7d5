// Help for a newcomer: Getting Started walks through the examples in order with each
// lesson's text, what to watch and what to try, read from the examples' descriptions;
// Keyboard Shortcuts lists every menu action that has one, read from the actions, so an
// action added tomorrow is listed without anyone editing the list; every such action's
// tooltip names its shortcut.

#include <QAction>
#include <QMenuBar>
#include <QPushButton>
#include <QTableWidget>

#include "GuiTestSupport.h"
#include "gui/app/GettingStartedDialog.h"
#include "gui/app/LessonText.h"
#include "gui/app/MainActions.h"
#include "gui/app/ShortcutList.h"
#include "gui/app/ShortcutsDialog.h"
#include "gui/canvas/EditOperations.h"
#include "gui/document/FileController.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;

namespace {

// Every action of the menus with a shortcut, walked here independently of ShortcutList.
void collect(const QMenu* menu, QList<QAction*>& out)
{
    for (QAction* a : menu->actions()) {
        if (a->menu())
            collect(a->menu(), out);
        else if (!a->isSeparator() && !a->shortcut().isEmpty())
            out << a;
    }
}

QList<QAction*> actionsWithShortcuts(QMenuBar* bar)
{
    QList<QAction*> out;
    for (QAction* top : bar->actions())
        if (top->menu())
            collect(top->menu(), out);
    return out;
}

QStringList column(QTableWidget* table, int c)
{
    QStringList out;
    for (int r = 0; r < table->rowCount(); ++r)
        out << (table->item(r, c) ? table->item(r, c)->text() : QString());
    return out;
}

} // namespace

class TestHelpMenu : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void lessonTextSplitsTheDescription()
    {
        const auto t = gui::LessonText::parse(QStringLiteral(
            "Lesson: one server is a single point of failure. It answers 200 req/s. Watch: at "
            "40 s DNS fails. Try: set workers to 5 and run again."));
        QVERIFY(!t.challenge);
        QCOMPARE(t.lesson, QStringLiteral("One server is a single point of failure. It answers "
                                          "200 req/s."));
        QCOMPARE(t.watch, QStringLiteral("At 40 s DNS fails."));
        QCOMPARE(t.tryIt, QStringLiteral("Set workers to 5 and run again."));
        // "Watch the dots" is a sentence of its own, kept whole; no Try part: empty.
        const auto u = gui::LessonText::parse(
            QStringLiteral("Challenge: fix it. Watch the teal dots: green ones hit."));
        QVERIFY(u.challenge);
        QCOMPARE(u.lesson, QStringLiteral("Fix it."));
        QCOMPARE(u.watch, QStringLiteral("Watch the teal dots: green ones hit."));
        QVERIFY(u.tryIt.isEmpty());
    }

    void everyShippedLessonSaysWhatToWatchAndTry()
    {
        const auto examples = gui::FileController::examples();
        QVERIFY(examples.size() >= 14);
        for (const gui::ExampleFile& e : examples) {
            const auto t = gui::LessonText::parse(e.description);
            QVERIFY2(!t.lesson.isEmpty(), qPrintable(e.path));
            QVERIFY2(!t.tryIt.isEmpty(), qPrintable(e.path));
            if (!t.challenge)
                QVERIFY2(!t.watch.isEmpty(), qPrintable(e.path));
        }
    }

    void gettingStartedTourWalksTheExamplesInOrder()
    {
        auto w = testsupport::openSampleWindow();
        w->document()->markSaved();
        QVERIFY(!w->actions()->gettingStarted->shortcut().isEmpty());
        gui::GettingStartedDialog* tour = w->actions()->showGettingStarted();
        QVERIFY(tour && tour->isVisible());
        const auto examples = gui::FileController::examples();
        QCOMPARE(tour->lessonCount(), examples.size());
        QCOMPARE(tour->currentLesson(), 0);
        const auto first = gui::LessonText::parse(examples[0].description);
        QString page = tour->pageText();
        QVERIFY2(page.startsWith(examples[0].name), qPrintable(page));
        QVERIFY2(page.contains(QStringLiteral("What to watch")), qPrintable(page));
        QVERIFY2(page.contains(first.watch.left(40)), qPrintable(page));
        QVERIFY2(page.contains(QStringLiteral("What to try")), qPrintable(page));
        QVERIFY2(page.contains(first.tryIt.left(40)), qPrintable(page));
        QTest::mouseClick(tour->nextButton(), Qt::LeftButton);
        QCOMPARE(tour->currentLesson(), 1);
        QVERIFY(tour->pageText().startsWith(examples[1].name));
        // Open and Run: the window shows a copy of the lesson's example, running.
        tour->showLesson(0);
        for (QPushButton* b : tour->findChildren<QPushButton*>())
            if (b->text().remove(QLatin1Char('&')) == QStringLiteral("Open and Run"))
                QTest::mouseClick(b, Qt::LeftButton);
        QCOMPARE(w->fileController()->copiedFrom(), QFileInfo(examples[0].path).absoluteFilePath());
        QVERIFY(w->document()->filePath().isEmpty());
        QCOMPARE(w->liveView()->controller()->state(), gui::SimulationController::State::Running);
        w->liveView()->controller()->reset();
        w->document()->markSaved();
        // Asked again, the same tour comes to the front.
        QCOMPARE(w->actions()->showGettingStarted(), tour);
    }

    void shortcutListIsMadeFromTheActions()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        w->editOperations()->deleteSelection(); // Undo now reads "Undo Delete…"
        gui::ShortcutsDialog* dialog = w->actions()->showShortcuts();
        QVERIFY(dialog && dialog->isVisible());
        const QList<QAction*> expected = actionsWithShortcuts(w->menuBar());
        QVERIFY(expected.size() >= 20);
        const QStringList actions = column(dialog->table(), 1);
        const QStringList keys = column(dialog->table(), 2);
        for (QAction* a : expected) {
            const QString listed = a->property(gui::kListedName).toString();
            const QString name = listed.isEmpty() ? gui::plainActionText(a->text()) : listed;
            const qsizetype row = actions.indexOf(name);
            QVERIFY2(row >= 0, qPrintable(name));
            QVERIFY2(keys[row].contains(a->shortcut().toString(QKeySequence::NativeText)),
                     qPrintable(name + QStringLiteral(": ") + keys[row]));
        }
        // The ones a newcomer asks for first.
        for (const char* name : {"Rename", "Save As", "Export Image", "Export Report", "Run",
                                 "Undo", "Redo", "Duplicate", "Getting Started"})
            QVERIFY2(actions.contains(QString::fromLatin1(name)), name);
        QVERIFY(actions.contains(QStringLiteral("Link two nodes"))); // a canvas gesture
        QVERIFY2(!keys.join(' ').contains(QStringLiteral("F14")), qPrintable(keys.join(' ')));
        // An action added to a menu later is listed the next time, with no list to edit.
        QMenu* help = nullptr;
        for (QAction* top : w->menuBar()->actions())
            if (top->menu() && top->text().remove(QLatin1Char('&')) == QStringLiteral("Help"))
                help = top->menu();
        QVERIFY(help);
        help->addAction(QStringLiteral("Brand New Thing"), QKeySequence(QStringLiteral("Ctrl+F12")),
                        [] {});
        w->actions()->showShortcuts();
        QVERIFY(column(dialog->table(), 1).contains(QStringLiteral("Brand New Thing")));
        w->document()->markSaved();
    }

    void everyTooltipNamesItsShortcut()
    {
        auto w = testsupport::openSampleWindow();
        for (QAction* a : actionsWithShortcuts(w->menuBar())) {
            const QString key = a->shortcut().toString(QKeySequence::NativeText);
            QVERIFY2(a->toolTip().contains(key),
                     qPrintable(a->toolTip() + QStringLiteral(" / ") + key));
        }
        QCOMPARE(w->actions()->exportImage->toolTip(), QStringLiteral("Export Image (Ctrl+E)"));
        QCOMPARE(w->actions()->rename->toolTip(), QStringLiteral("Rename (F2)"));
    }
};

QTEST_MAIN(TestHelpMenu)
#include "tst_help_menu.moc"
