//! Reading the loaded model as of a date off the UI thread: one read at a time, and only the
//! newest date asked for while one ran.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::watch::Raised;
use crate::model::{Date, Model};
use crate::tui::action::Action;

pub(super) struct Dater {
    requests: Sender<(Arc<Model>, Date, u64)>,
    /// Set while a read runs, so the loop looks for its result more often.
    busy: Arc<AtomicBool>,
}

impl Dater {
    pub(super) fn spawn(out: Sender<Action>) -> io::Result<Dater> {
        let (tx, rx) = mpsc::channel();
        let busy = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&busy);
        thread::Builder::new()
            .name("rechain-dater".into())
            .spawn(move || read_loop(&rx, &out, &flag))?;
        Ok(Dater { requests: tx, busy })
    }

    pub(super) fn busy(&self) -> bool {
        self.busy.load(Ordering::Relaxed)
    }

    /// Asks for `base` read as of `date`; the answer comes as [`Action::Dated`].
    pub(super) fn request(&self, base: Arc<Model>, date: Date, serial: u64) {
        let _ = self.requests.send((base, date, serial));
    }
}

fn read_loop(
    requests: &Receiver<(Arc<Model>, Date, u64)>,
    out: &Sender<Action>,
    busy: &AtomicBool,
) {
    while let Ok(mut request) = requests.recv() {
        // Lowered after the result is sent, so the loop never misses it.
        let _busy = Raised::new(busy);
        // Dates stepped past while the last read ran are not read.
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let (base, date, serial) = request;
        let model = base.as_of(date);
        // The display data is built here too; the UI thread only swaps the model in.
        // The last hold on a model a reload replaced may be this one: freed here.
        drop(base);
        let dated = Action::dated(serial, model);
        if out.send(dated).is_err() {
            return;
        }
    }
}
