// A whole data center failed and recovered from the live view, as a scenario's fail_site /
// recover_site step does it: from a node's right-click menu and from Simulation > Data
// Centers. The site's nodes go down (its users stay), the engine logs site_failed, the
// canvas hatches the site with "SITE DOWN", and the geo DNS moves its users away.
#include <algorithm>

#include <QMenu>
#include <QPainter>
#include <QtTest>

#include "GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/canvas/NetworkRegionItem.h"
#include "gui/live/LiveView.h"
#include "gui/live/NodeStatusLayer.h"
#include "gui/live/SimulationController.h"

using namespace scalelab;
using namespace scalelab::gui;

namespace {
// Example 14 without its own scenario: the user does the failing here.
core::Topology dataCenters()
{
    core::LoadResult loaded =
        core::loadTopologyFile(std::string(SCALELAB_EXAMPLES) + "/14-data-centers.scalelab");
    if (!loaded.ok())
        qFatal("14-data-centers does not load");
    core::Topology t = std::move(*loaded.topology);
    t.scenario.clear();
    return t;
}

QAction* actionNamed(QMenu& menu, const QString& text)
{
    for (QAction* a : menu.actions())
        if (a->text() == text)
            return a;
    return nullptr;
}

bool up(const SimulationController* c, const char* id)
{
    return c->snapshot().nodes[*c->simTopology()->nodeIndex(core::NodeId{id})].up;
}

std::uint64_t arrivals(const SimulationController* c, const char* id)
{
    return c->snapshot().nodes[*c->simTopology()->nodeIndex(core::NodeId{id})].arrivals;
}
} // namespace

class TestLiveSites : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { testsupport::isolateSettings(); }

    void aNodesMenuFailsAndRecoversItsSite()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.resize(1280, 800);
        window.show();
        window.document()->reset(dataCenters());
        LiveView* live = window.liveView();
        SimulationController* c = live->controller();
        QVERIFY(c->advanceTo(20.0));
        QVERIFY(live->statusLayer()->failedSites().empty());

        QMenu menu;
        QVERIFY(live->fillNodeMenu(&menu, core::NodeId{"web-eu1"}));
        QAction* failSite = actionNamed(menu, QStringLiteral("Fail site eu"));
        QAction* recoverSite = actionNamed(menu, QStringLiteral("Recover site eu"));
        QVERIFY(failSite && recoverSite);
        QVERIFY(failSite->isEnabled());
        QVERIFY(!recoverSite->isEnabled());
        const std::size_t eventsBefore = c->eventLog().size();
        failSite->trigger();

        // Applied at once while paused: every European node is down, its users are not,
        // and America is untouched.
        for (const char* id : {"lb-eu", "web-eu1", "web-eu2", "db-eu", "db-eu2"})
            QVERIFY2(!up(c, id), id);
        QVERIFY(up(c, "users-eu"));
        for (const char* id : {"lb-us", "web-us1", "db-us"})
            QVERIFY2(up(c, id), id);
        QVERIFY(c->siteDown("eu"));
        QVERIFY(!c->siteDown("us"));
        // The same event a fail_site step logs, naming the site.
        bool logged = false;
        for (std::size_t i = eventsBefore; i < c->eventLog().size(); ++i)
            logged |=
                c->eventLog()[i].kind == core::sim::EventKind::SiteFailed &&
                QString::fromStdString(c->eventLog()[i].detail).startsWith(QStringLiteral("eu:"));
        QVERIFY(logged);
        QVERIFY(live->statusLayer()->failedSites() == std::vector<std::string>{"eu"});

        const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
        if (!shot.isEmpty()) {
            window.view()->fitInView(window.scene()->diagramBounds().adjusted(-60, -60, 60, 60),
                                     Qt::KeepAspectRatio);
            QApplication::processEvents();
            window.grab().save(shot + QStringLiteral("/live-site-failed.png"));
        }

        // The geo DNS notices (detect_s 10) and the users' answers expire (dns_ttl_s 30):
        // 45 s later the European users are served in America.
        const std::uint64_t usBefore = arrivals(c, "lb-us");
        QVERIFY(c->advanceTo(65.0));
        QVERIFY(arrivals(c, "lb-us") - usBefore > 45 * 200 + 10 * 300);

        QMenu again;
        QVERIFY(live->fillNodeMenu(&again, core::NodeId{"db-eu"}));
        QVERIFY(!actionNamed(again, QStringLiteral("Fail site eu"))->isEnabled());
        QAction* recover = actionNamed(again, QStringLiteral("Recover site eu"));
        QVERIFY(recover->isEnabled());
        recover->trigger();
        for (const char* id : {"lb-eu", "web-eu1", "web-eu2", "db-eu", "db-eu2"})
            QVERIFY2(up(c, id), id);
        QVERIFY(live->statusLayer()->failedSites().empty());
        QVERIFY(std::any_of(c->eventLog().begin(), c->eventLog().end(),
                            [](const core::sim::EventRecord& e) {
                                return e.kind == core::sim::EventKind::SiteRecovered;
                            }));
        window.document()->markSaved();
    }

    void bothMenusOfferTheSameSiteActions();
    void theCanvasShadesEachSite();

    void theSimulationMenuListsEverySite()
    {
        MainWindow window(MainWindow::Interaction::NoDialogs);
        window.document()->reset(dataCenters());
        LiveView* live = window.liveView();
        QVERIFY(live->sitesMenu());
        QVERIFY(!live->sitesMenu()->menuAction()->isEnabled()); // no run yet
        SimulationController* c = live->controller();
        QVERIFY(c->advanceTo(5.0));
        QVERIFY(live->sitesMenu()->menuAction()->isEnabled());
        live->fillSitesMenu();
        QMenu* menu = live->sitesMenu();
        QVERIFY(actionNamed(*menu, QStringLiteral("Fail site eu")));
        QAction* failUs = actionNamed(*menu, QStringLiteral("Fail site us"));
        QVERIFY(failUs && failUs->isEnabled());
        QVERIFY(!actionNamed(*menu, QStringLiteral("Recover site us"))->isEnabled());
        failUs->trigger();
        QVERIFY(c->siteDown("us"));
        QVERIFY(!up(c, "lb-us"));
        QVERIFY(up(c, "users-us"));
        QVERIFY(live->statusLayer()->failedSites() == std::vector<std::string>{"us"});
        live->fillSitesMenu();
        QVERIFY(!actionNamed(*menu, QStringLiteral("Fail site us"))->isEnabled());
        actionNamed(*menu, QStringLiteral("Recover site us"))->trigger();
        QVERIFY(up(c, "lb-us"));
        window.document()->markSaved();
    }
};

// The node's menu and Simulation > Data Centers offer one pair of site actions: the same
// words, the same tooltips (the Data Centers menu once had none), the same state.
void TestLiveSites::bothMenusOfferTheSameSiteActions()
{
    MainWindow window(MainWindow::Interaction::NoDialogs);
    window.document()->reset(dataCenters());
    LiveView* live = window.liveView();
    SimulationController* c = live->controller();
    QVERIFY(c->advanceTo(5.0));
    for (bool failed : {false, true}) {
        if (failed)
            c->failSite("eu");
        QMenu nodeMenu;
        QVERIFY(live->fillNodeMenu(&nodeMenu, core::NodeId{"web-eu1"}));
        live->fillSitesMenu();
        for (const QString& text :
             {QStringLiteral("Fail site eu"), QStringLiteral("Recover site eu")}) {
            QAction* inNode = actionNamed(nodeMenu, text);
            QAction* inSites = actionNamed(*live->sitesMenu(), text);
            QVERIFY2(inNode && inSites, qPrintable(text));
            QVERIFY2(!inNode->toolTip().isEmpty() && inNode->toolTip() != inNode->text(),
                     qPrintable(text));
            QCOMPARE(inSites->toolTip(), inNode->toolTip());
            QCOMPARE(inSites->isEnabled(), inNode->isEnabled());
        }
        QCOMPARE(actionNamed(nodeMenu, QStringLiteral("Fail site eu"))->isEnabled(), !failed);
    }
    window.document()->markSaved();
}

// Each data center is shaded behind its nodes on the canvas, in its own tint: where the
// site's region is, the scene drawn with the shading differs from it drawn without, green
// for the first site and amber for the second (RegionGlyph's tints in file order).
void TestLiveSites::theCanvasShadesEachSite()
{
    MainWindow window(MainWindow::Interaction::NoDialogs);
    window.document()->reset(dataCenters());
    QApplication::processEvents();
    NetworkRegionItem* regions = nullptr;
    for (QGraphicsItem* item : window.scene()->items())
        if (auto* r = qgraphicsitem_cast<NetworkRegionItem*>(item))
            regions = r;
    QVERIFY(regions);
    const QRectF area = window.scene()->diagramBounds();
    const auto drawn = [&](bool shaded) {
        regions->setVisible(shaded);
        QImage image(area.size().toSize(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        window.scene()->render(&painter, QRectF(QPointF(0, 0), area.size()), area);
        painter.end();
        regions->setVisible(true);
        return image;
    };
    const QImage with = drawn(true), without = drawn(false);
    const QString shot = qEnvironmentVariable("SCALELAB_REPORT_OUT");
    if (!shot.isEmpty())
        with.save(shot + QStringLiteral("/canvas-sites.png"));
    std::map<QString, int> greener, yellower, inside;
    for (const RegionGlyph::Region& r : regions->regions()) {
        if (!r.site)
            continue;
        const QRect box = r.area.translated(-area.topLeft()).toRect().adjusted(20, 30, -20, -20);
        for (int y = box.top(); y < box.bottom(); y += 2)
            for (int x = box.left(); x < box.right(); x += 2) {
                ++inside[r.name];
                const QColor a = with.pixelColor(x, y), b = without.pixelColor(x, y);
                if (a == b)
                    continue;
                greener[r.name] += a.green() - a.blue() > b.green() - b.blue();
                yellower[r.name] += a.red() - a.blue() > b.red() - b.blue() + 8;
            }
    }
    QCOMPARE(inside.size(), std::size_t{2});
    qInfo("eu: %d of %d samples greener; us: %d of %d yellower", greener["eu"], inside["eu"],
          yellower["us"], inside["us"]);
    QVERIFY(greener["eu"] > inside["eu"] / 3);
    QVERIFY(yellower["us"] > inside["us"] / 3);
    QVERIFY(yellower["eu"] < inside["eu"] / 20);
    window.document()->markSaved();
}

QTEST_MAIN(TestLiveSites)
#include "tst_live_sites.moc"
