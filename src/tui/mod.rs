//! The interactive app.
