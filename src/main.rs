//! Entry point of the browser app: mounts the playground into the page.

fn main() {
    assignment_playground::start();
}
