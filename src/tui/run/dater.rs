//! Reading the loaded model as of a date off the UI thread: one read at a time, and only the
//! newest date asked for while one ran.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::Wake;
use crate::model::{Date, Model};
use crate::tui::msg::Msg;

pub(super) struct Dater {
    requests: Sender<(Arc<Model>, Date, u64)>,
}

impl Dater {
    pub(super) fn spawn(out: Sender<Wake>) -> io::Result<Dater> {
        let (tx, rx) = mpsc::channel();
        thread::Builder::new()
            .name("rechain-dater".into())
            .spawn(move || read_loop(&rx, &out))?;
        Ok(Dater { requests: tx })
    }

    /// Asks for `base` read as of `date`; the answer comes as [`Msg::Dated`].
    pub(super) fn request(&self, base: Arc<Model>, date: Date, serial: u64) {
        let _ = self.requests.send((base, date, serial));
    }
}

fn read_loop(requests: &Receiver<(Arc<Model>, Date, u64)>, out: &Sender<Wake>) {
    while let Ok(mut request) = requests.recv() {
        // Dates stepped past while the last read ran are not read.
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let (base, date, serial) = request;
        let model = base.as_of(date);
        // The display data is built here too; the UI thread only swaps the model in.
        // The last hold on a model a reload replaced may be this one: freed here.
        drop(base);
        let dated = Msg::dated(serial, model);
        if out.send(dated.into()).is_err() {
            return;
        }
    }
}
