#pragma once

#include <QObject>
#include <QPointer>

#include "gui/record/Recorder.h"

class QAction;
class QLabel;
class QMainWindow;
class QProgressBar;
class QToolButton;
class QWidget;

namespace scalelab::gui {

class Document;

namespace record {

/// File > Record Video…: records the document as it is now into a video while the window
/// stays usable, with a progress bar and a Cancel button in the status bar. A cancelled or
/// failed recording leaves no file.
class RecordVideoController : public QObject {
    Q_OBJECT
public:
    /// `askUser` false (tests, --screenshot): never opens a dialog.
    RecordVideoController(QMainWindow* window, Document* document, bool askUser);
    ~RecordVideoController() override;

    QAction* action() const { return m_action; }
    /// Starts recording the document with `options`; false (and `error`) when it cannot.
    bool startRecording(const RecordOptions& options, QString* error);
    void cancel();
    bool isRecording() const { return m_recorder != nullptr; }
    QProgressBar* progressBar() const { return m_bar; }
    /// The last video this window recorded completely, and the SHA-256 of the design it
    /// shows (a report embeds it only for that design); empty before the first.
    QString lastRecording() const { return m_lastRecording; }
    QString lastRecordedDesign() const { return m_lastRecordedDesign; }

Q_SIGNALS:
    /// `error` is empty when the recording was cancelled.
    void recordingFinished(bool ok, const QString& path, const QString& error);

private:
    void askAndRecord();
    void onFinished(bool ok, const QString& error);

    QMainWindow* m_window;
    Document* m_document;
    bool m_askUser;
    QAction* m_action;
    QPointer<Recorder> m_recorder;
    QWidget* m_progress;
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
    QString m_lastPath;
    QString m_recordingDesign; ///< of the recording under way
    QString m_lastRecording;
    QString m_lastRecordedDesign;
};

} // namespace record
} // namespace scalelab::gui
