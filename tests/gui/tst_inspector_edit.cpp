// The inspector is generated from the registry; editing a field changes the model through
// an undo command; a multi-selection edits a shared parameter on every node.

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QUndoStack>

#include "GuiTestSupport.h"
#include "core/model/KindRegistry.h"
#include "gui/canvas/EditOperations.h"
#include "gui/canvas/LinkItem.h"
#include "gui/docks/InspectorDock.h"
#include "gui/docks/ParamEditor.h"

using namespace scalelab;

class TestInspectorEdit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void showsEveryParameterOfTheKind()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"db"}});
        for (const auto& p : core::KindRegistry::instance().find("database")->params) {
            gui::ParamEditor* e = w->inspectorDock()->editorFor(p.name);
            QVERIFY2(e != nullptr, p.name.c_str());
            QVERIFY(e->editor()->toolTip().contains(QString::fromStdString(p.help)));
        }
        auto* role = qobject_cast<QComboBox*>(w->inspectorDock()->editorFor("role")->editor());
        QVERIFY(role);
        QCOMPARE(role->count(), 2);
        QCOMPARE(role->currentText(), QStringLiteral("master"));
        auto* readMs =
            qobject_cast<QDoubleSpinBox*>(w->inspectorDock()->editorFor("read_ms")->editor());
        QVERIFY(readMs);
        QCOMPARE(readMs->suffix(), QStringLiteral(" ms"));
        QCOMPARE(readMs->value(), 5.0); // registry default
    }

    void spinBoxEditChangesModel()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        auto* workers = qobject_cast<QSpinBox*>(w->inspectorDock()->editorFor("workers")->editor());
        QVERIFY(workers);
        QCOMPARE(workers->value(), 4);
        QCOMPARE(workers->minimum(), 1);
        workers->setValue(12);
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->integer("workers"), 12);
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->integer("workers"), 4);
        QCOMPARE(workers->value(), 4); // the editor follows the model
    }

    void comboEditChangesRole()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"db-r1"}});
        auto* role = qobject_cast<QComboBox*>(w->inspectorDock()->editorFor("role")->editor());
        role->setCurrentText(QStringLiteral("master"));
        Q_EMIT role->activated(role->currentIndex());
        QCOMPARE(w->document()->node(core::NodeId{"db-r1"})->text("role"), std::string("master"));
    }

    void multiSelectionEditsSharedParameter()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}, core::NodeId{"db"}});
        // workers is not shared (a database has connections); speed is.
        QVERIFY(!w->inspectorDock()->editorFor("workers"));
        QVERIFY(!w->inspectorDock()->editorFor("role"));
        auto* speed =
            qobject_cast<QDoubleSpinBox*>(w->inspectorDock()->editorFor("speed")->editor());
        QVERIFY(speed);
        speed->setValue(2.5);
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->number("speed"), 2.5);
        QCOMPARE(w->document()->node(core::NodeId{"db"})->number("speed"), 2.5);
        QCOMPARE(w->document()->undoStack()->count(), 1);
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->number("speed"), 1.0);
        QVERIFY(!w->document()->node(core::NodeId{"db"})->params.count("speed"));
    }

    void nameEditRenames()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->selectNodes({core::NodeId{"web1"}});
        QLineEdit* name = w->inspectorDock()->nameEdit();
        QVERIFY(name);
        name->setText(QStringLiteral("Front end"));
        Q_EMIT name->editingFinished();
        QCOMPARE(w->document()->node(core::NodeId{"web1"})->name, std::string("Front end"));
    }

    void nothingSelectedEditsDiagramAndSimulation()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->clearSelection();
        auto* name = w->inspectorDock()->findChild<QLineEdit*>(QStringLiteral("diagramName"));
        auto* seed = w->inspectorDock()->findChild<QSpinBox*>(QStringLiteral("seed"));
        auto* duration =
            w->inspectorDock()->findChild<QDoubleSpinBox*>(QStringLiteral("duration_s"));
        QVERIFY(name && seed && duration);
        QCOMPARE(name->text(), QStringLiteral("Test diagram"));
        name->setText(QStringLiteral("Shop"));
        Q_EMIT name->editingFinished();
        QCOMPARE(w->document()->topology().name, std::string("Shop"));
        QVERIFY(w->windowTitle().startsWith(QStringLiteral("Shop")));
        seed->setValue(7);
        duration->setValue(300);
        QCOMPARE(w->document()->topology().simulation.seed, std::uint64_t(7));
        QCOMPARE(w->document()->topology().simulation.durationS, 300.0);
        QCOMPARE(w->document()->undoStack()->count(), 3);
        w->document()->undoStack()->undo();
        QCOMPARE(w->document()->topology().simulation.durationS, 60.0);
        QCOMPARE(duration->value(), 60.0);
    }

    void linkSelectionEditsLatency()
    {
        auto w = testsupport::openSampleWindow();
        w->scene()->clearSelection();
        w->scene()->linkItem({core::NodeId{"users"}, core::NodeId{"lb"}})->setSelected(true);
        auto* latency =
            qobject_cast<QDoubleSpinBox*>(w->inspectorDock()->editorFor("latency_ms")->editor());
        QVERIFY(latency);
        QCOMPARE(latency->value(), 40.0);
        latency->setValue(25);
        QCOMPARE(w->document()->link({core::NodeId{"users"}, core::NodeId{"lb"}})->latencyMs(),
                 25.0);
    }

    void aLinkShowsOnlyWhatItsKindMeans()
    {
        // A request link has no replication lag or mode; a replication link has them and
        // no balancing weight; every link has a latency.
        auto w = testsupport::openSampleWindow();
        gui::InspectorDock* inspector = w->inspectorDock();
        w->scene()->clearSelection();
        w->scene()->linkItem({core::NodeId{"lb"}, core::NodeId{"web1"}})->setSelected(true);
        QVERIFY(inspector->editorFor("latency_ms"));
        QVERIFY(inspector->editorFor("weight"));
        QVERIFY(!inspector->editorFor("lag_ms"));
        QVERIFY(!inspector->editorFor("mode"));
        w->scene()->clearSelection();
        w->scene()->linkItem({core::NodeId{"db"}, core::NodeId{"db-r1"}})->setSelected(true);
        QVERIFY(inspector->editorFor("latency_ms"));
        QVERIFY(inspector->editorFor("lag_ms"));
        QVERIFY(inspector->editorFor("mode"));
        QVERIFY(!inspector->editorFor("weight"));
        // Both selected: each parameter that means something for one of them.
        w->scene()->linkItem({core::NodeId{"lb"}, core::NodeId{"web1"}})->setSelected(true);
        QVERIFY(inspector->editorFor("lag_ms"));
        QVERIFY(inspector->editorFor("weight"));
    }

    // A text parameter of a link shows its value: a sync replica read "async" (the editor
    // was filled through number(), which makes "sync" 0).
    void aLinkShowsItsTextChoice()
    {
        auto w = testsupport::openSampleWindow();
        const core::LinkKey key{core::NodeId{"db"}, core::NodeId{"db-r1"}};
        w->document()->setLinkParam(key, "mode", core::ParamValue(std::string("sync")));
        w->scene()->clearSelection();
        w->scene()->linkItem(key)->setSelected(true);
        const gui::ParamEditor* mode = w->inspectorDock()->editorFor("mode");
        QVERIFY(mode);
        const auto* combo = qobject_cast<const QComboBox*>(mode->editor());
        QVERIFY(combo);
        QCOMPARE(combo->currentText(), QStringLiteral("sync"));
    }

    void diagramCaptionFollowsUndo()
    {
        // Nothing selected: the diagram's page counts its nodes and links, in the right
        // number, and counts again when an undo brings a deleted node back.
        auto w = testsupport::openSampleWindow();
        const auto caption = [&] {
            for (const QLabel* l : w->inspectorDock()->findChildren<QLabel*>())
                if (l->text().contains(QLatin1String("Select a node")))
                    return l->text();
            return QString();
        };
        w->scene()->clearSelection();
        QApplication::processEvents();
        QVERIFY2(caption().startsWith(QLatin1String("6 nodes, 5 links.")), qPrintable(caption()));
        w->scene()->selectNodes({core::NodeId{"db-r1"}});
        QVERIFY(w->editOperations()->deleteSelection());
        w->scene()->clearSelection();
        QApplication::processEvents();
        QVERIFY2(caption().startsWith(QLatin1String("5 nodes, 4 links.")), qPrintable(caption()));
        w->document()->undoStack()->undo();
        QApplication::processEvents();
        QVERIFY2(caption().startsWith(QLatin1String("6 nodes, 5 links.")), qPrintable(caption()));
        w->document()->markSaved();
    }
};

QTEST_MAIN(TestInspectorEdit)
#include "tst_inspector_edit.moc"
