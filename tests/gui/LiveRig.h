#pragma once

// A live view on a bare window (no MainWindow, no docks of the editor): the document, its
// canvas and the LiveView that runs it, for the tests of the live layers and controller.
#include <QGraphicsView>
#include <QMainWindow>

#include "gui/canvas/CanvasScene.h"
#include "gui/document/Document.h"
#include "gui/live/LiveView.h"
#include "gui/live/SimulationController.h"

namespace scalelab::gui::testsupport {

struct LiveRig {
    QMainWindow window;
    Document document;
    CanvasScene* scene;
    QGraphicsView* view;
    LiveView* live;
    explicit LiveRig(core::Topology t)
    {
        document.reset(std::move(t));
        scene = new CanvasScene(&document, &window);
        view = new QGraphicsView(scene, &window);
        window.setCentralWidget(view);
        live = new LiveView(&window, &document, scene, view);
        window.resize(1000, 700);
    }
    SimulationController& c() { return *live->controller(); }
};

} // namespace scalelab::gui::testsupport
