// The toolbars stay put: Undo/Redo are icons whose tooltips say what they undo (their
// text once pushed Run, Pause and Speed 200 px along after each edit), Run keeps its
// width when it reads Continue. The status bar says only what is true now.

#include <QComboBox>
#include <QDockWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/app/MainActions.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;

namespace {

// Where each button of both toolbars is, in window coordinates.
std::vector<int> buttonPositions(gui::MainWindow& w)
{
    std::vector<int> xs;
    for (QToolBar* bar : w.findChildren<QToolBar*>())
        for (QWidget* child : bar->findChildren<QWidget*>())
            if (qobject_cast<QToolButton*>(child) || qobject_cast<QComboBox*>(child))
                xs.push_back(child->mapTo(&w, QPoint(0, 0)).x() + child->width() * 10000);
    return xs;
}

void moveWithLongText(gui::MainWindow& w)
{
    const core::Node& n = w.document()->topology().nodes.front();
    std::map<core::NodeId, gui::MoveNodesCommand::Move> moves;
    moves.emplace(n.id, gui::MoveNodesCommand::Move{n.pos, {n.pos.x + 20, n.pos.y}});
    w.document()->undoStack()->push(new gui::MoveNodesCommand(
        w.document(), moves, QStringLiteral("Move users, lb, web1, cache, db and db-r1 by 20 px")));
    QApplication::processEvents();
}

} // namespace

class TestToolbarLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void buttonsKeepTheirPlaces()
    {
        auto w = testsupport::openSampleWindow();
        QApplication::processEvents();
        const std::vector<int> before = buttonPositions(*w);
        QVERIFY(before.size() >= 10);
        moveWithLongText(*w);
        QCOMPARE(buttonPositions(*w), before);
        // The tooltip says what Undo will undo, with its shortcut; the button has an icon.
        QAction* undo = w->actions()->undo;
        QVERIFY(!undo->icon().isNull());
        QVERIFY2(undo->toolTip().contains(QStringLiteral("Move users, lb")),
                 qPrintable(undo->toolTip()));
        QVERIFY2(undo->toolTip().contains(QStringLiteral("Ctrl+Z")), qPrintable(undo->toolTip()));
        w->document()->undoStack()->undo();
        QApplication::processEvents();
        QCOMPARE(buttonPositions(*w), before);
        QVERIFY(w->actions()->redo->toolTip().contains(QStringLiteral("Move users, lb")));
        // Paused, Run reads Continue: nothing moves either.
        gui::LiveView* live = w->liveView();
        QVERIFY(live->controller()->advanceTo(1.0));
        QApplication::processEvents();
        QCOMPARE(live->runAction()->text(), QStringLiteral("&Continue"));
        QCOMPARE(buttonPositions(*w), before);
        w->document()->markSaved();
    }

    void resetLayoutBringsDocksBack()
    {
        auto w = testsupport::openSampleWindow();
        QDockWidget* palette = w->findChild<QDockWidget*>(QStringLiteral("PaletteDock"));
        QVERIFY(palette);
        const int width = palette->width();
        palette->hide();
        w->resize(700, 500); // squeezed
        QApplication::processEvents();
        w->resetLayout();
        QApplication::processEvents();
        QVERIFY(!palette->isHidden());
        QVERIFY(w->width() >= 1280);
        QVERIFY2(std::abs(palette->width() - width) <= 30,
                 qPrintable(QStringLiteral("%1 vs %2").arg(palette->width()).arg(width)));
    }

    void aRunWithNothingToDoSaysWhy()
    {
        gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
        core::Topology t;
        t.nodes.push_back(testsupport::makeNode("users", "client", 0, 0));
        w.document()->reset(t);
        QVERIFY(w.liveView()->controller()->advanceTo(5.0));
        const QString text = w.liveView()->statusText();
        QVERIFY2(text.contains(QStringLiteral("no requests")), qPrintable(text));
        // A diagram with traffic does not say it.
        w.liveView()->controller()->reset();
        w.document()->reset(testsupport::sampleTopology());
        QVERIFY(w.liveView()->controller()->advanceTo(5.0));
        QVERIFY(!w.liveView()->statusText().contains(QStringLiteral("no requests")));
    }

    void statusSaysWhatIsTrueNow()
    {
        auto w = testsupport::openSampleWindow();
        gui::LiveView* live = w->liveView();
        QVERIFY(live->controller()->advanceTo(30.0)); // one big jump: density mode if any
        const QString paused = live->statusText();
        QVERIFY2(paused.contains(QStringLiteral("paused")), qPrintable(paused));
        QVERIFY2(!paused.contains(QStringLiteral("too fast")), qPrintable(paused));
        QVERIFY2(!paused.contains(QStringLiteral("events/s")), qPrintable(paused));
        live->controller()->setSpeed(1.0);
        live->controller()->run();
        QCOMPARE(live->controller()->state(), gui::SimulationController::State::Running);
        const QString running = live->statusText();
        QVERIFY2(running.contains(QStringLiteral("1x")), qPrintable(running));
        // At 1x the engine's rate says nothing about the model: not shown.
        QVERIFY2(!running.contains(QStringLiteral("events/s")), qPrintable(running));
        live->controller()->pause();
        w->document()->markSaved();
    }
};

QTEST_MAIN(TestToolbarLayout)
#include "tst_toolbar_layout.moc"
