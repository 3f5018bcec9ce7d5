// Consecutive edits of one parameter are one undo step: ticking a spin box of the inspector
// five times is undone at once; edits of different parameters or targets stay separate.

#include <QDoubleSpinBox>
#include <QSpinBox>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "gui/commands/SetDiagramInfoCommand.h"
#include "gui/commands/SetParamCommand.h"
#include "gui/docks/InspectorDock.h"
#include "gui/docks/ParamEditor.h"

using namespace scalelab;
using core::NodeId;

class TestUndoMerge : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void fiveSpinBoxTicksAreOneUndo()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({NodeId{"web1"}});
        auto* workers = qobject_cast<QSpinBox*>(w->inspectorDock()->editorFor("workers")->editor());
        QVERIFY(workers);
        QCOMPARE(workers->value(), 4);
        workers->setFocus();
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(workers, Qt::Key_Up);
        QCOMPARE(w->document()->node(NodeId{"web1"})->integer("workers"), 9);
        QUndoStack* undo = w->document()->undoStack();
        QCOMPARE(undo->count(), 1);
        QVERIFY(undo->text(0).contains(QStringLiteral("to 9")));
        undo->undo();
        QCOMPARE(w->document()->node(NodeId{"web1"})->integer("workers"), 4);
        QCOMPARE(workers->value(), 4);
        QVERIFY(!w->document()->isModified());
    }

    void linkParameterTicksMerge()
    {
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        const core::LinkKey key{NodeId{"lb"}, NodeId{"web1"}};
        for (double v : {1.5, 2.5, 3.5})
            doc.undoStack()->push(
                new gui::SetParamCommand(&doc, std::vector{key}, "latency_ms", v));
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.link(key)->latencyMs(), 3.5);
        doc.undoStack()->undo();
        QCOMPARE(doc.link(key)->latencyMs(), 0.5);
        doc.undoStack()->redo();
        QCOMPARE(doc.link(key)->latencyMs(), 3.5);
    }

    void differentParametersDoNotMerge()
    {
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        const std::vector ids{NodeId{"web1"}};
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "workers", std::int64_t(6)));
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "service_ms", 30.0));
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "workers", std::int64_t(7)));
        QCOMPARE(doc.undoStack()->count(), 3);
        doc.undoStack()->undo();
        QCOMPARE(doc.node(NodeId{"web1"})->integer("workers"), 6);
        QCOMPARE(doc.node(NodeId{"web1"})->number("service_ms"), 30.0);
    }

    void differentTargetsDoNotMerge()
    {
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        doc.undoStack()->push(new gui::SetParamCommand(&doc, std::vector{NodeId{"db"}}, "engine",
                                                       std::string("nosql")));
        doc.undoStack()->push(new gui::SetParamCommand(
            &doc, std::vector{NodeId{"db"}, NodeId{"db-r1"}}, "engine", std::string("nosql")));
        QCOMPARE(doc.undoStack()->count(), 2);
        // A node and a link of the same parameter name are different targets too.
        doc.undoStack()->push(
            new gui::SetParamCommand(&doc, std::vector{NodeId{"web1"}}, "weight", 2.0));
        doc.undoStack()->push(new gui::SetParamCommand(
            &doc, std::vector{core::LinkKey{NodeId{"lb"}, NodeId{"web1"}}}, "weight", 2.0));
        QCOMPARE(doc.undoStack()->count(), 4);
    }

    void savingEndsTheMerge()
    {
        // An edit after saving is a new step: undo goes back to what is on disk.
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        const std::vector ids{NodeId{"web1"}};
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "workers", std::int64_t(6)));
        doc.markSaved();
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "workers", std::int64_t(7)));
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        QVERIFY(!doc.isModified());
    }

    void tickingBackToTheStartLeavesNoStep()
    {
        gui::Document doc;
        doc.reset(testsupport::sampleTopology());
        const std::vector ids{NodeId{"web1"}};
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "workers", std::int64_t(5)));
        doc.undoStack()->push(new gui::SetParamCommand(&doc, ids, "workers", std::int64_t(4)));
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(!doc.isModified());
        QVERIFY(doc.topology() == testsupport::sampleTopology());
    }

    void seedTicksMergeButFieldsStaySeparate()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->clearSelection();
        QApplication::processEvents();
        auto* seed = w->inspectorDock()->findChild<QSpinBox*>(QStringLiteral("seed"));
        auto* duration =
            w->inspectorDock()->findChild<QDoubleSpinBox*>(QStringLiteral("duration_s"));
        QVERIFY(seed && duration);
        const auto before = w->document()->topology().simulation;
        seed->setFocus();
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(seed, Qt::Key_Up);
        duration->setFocus();
        QTest::keyClick(duration, Qt::Key_Up);
        QUndoStack* undo = w->document()->undoStack();
        QCOMPARE(undo->count(), 2);
        undo->undo();
        QCOMPARE(w->document()->topology().simulation.durationS, before.durationS);
        QCOMPARE(w->document()->topology().simulation.seed, before.seed + 4);
        undo->undo();
        QCOMPARE(w->document()->topology().simulation.seed, before.seed);
    }
};

QTEST_MAIN(TestUndoMerge)
#include "tst_undo_merge.moc"
