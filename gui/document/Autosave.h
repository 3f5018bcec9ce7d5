#pragma once

#include <QObject>
#include <QString>

class QTimer;

namespace scalelab::gui {

class Document;

/// Every 30 s, writes the modified document to a recovery file in AppDataLocation.
/// A clean exit or a save removes it, so a recovery file found at start-up means the
/// previous session ended without saving (a crash): the window offers to restore it.
class Autosave : public QObject {
    Q_OBJECT
public:
    explicit Autosave(Document* document, QObject* parent = nullptr);

    static QString recoveryPath();
    static bool hasRecovery();
    /// The file the recovered work belonged to ("" for an untitled diagram).
    static QString recoveredOriginalPath();

    void setIntervalMs(int ms);
    /// Writes the recovery file now when the document has unsaved changes.
    bool saveNow();
    /// Removes the recovery file (after a save or a clean exit).
    static void discard();

private:
    Document* m_document;
    QTimer* m_timer;
    bool m_wroteRecovery = false;
};

} // namespace scalelab::gui
