//! `ropa accept`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ropa::ops::accept::{Accepted, Options, Plan, Selection};
use ropa::ops::{self, EXIT_OK};

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["all", "gaps"]))]
pub struct Args {
    /// The gaps to accept, as `ropa gaps` names them.
    #[arg(value_name = "GAP-ID")]
    gaps: Vec<String>,
    /// Accept every gap that needs no decision: record all findings in the
    /// inventories and remove entries no complete scan found any more.
    #[arg(long, conflicts_with_all = ["gaps", "category", "activity"])]
    all: bool,
    /// The findings file of a scan; the latest saved scan when absent.
    #[arg(long, value_name = "FILE")]
    findings: Option<PathBuf>,
    /// Link the accepted findings to this category.
    #[arg(long, value_name = "ID")]
    category: Option<String>,
    /// List the category, and name the system, in this activity.
    #[arg(long, value_name = "ID")]
    activity: Option<String>,
    /// Show what would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// The author, as "Name <email>"; by default git's user.name and user.email.
    #[arg(long)]
    author: Option<String>,
}

pub fn run(args: Args, register_dir: &Path) -> anyhow::Result<ExitCode> {
    let options = Options {
        selection: if args.all {
            Selection::All
        } else {
            Selection::Ids(args.gaps.clone())
        },
        findings: args.findings.as_deref(),
        category: args.category.as_deref(),
        activity: args.activity.as_deref(),
        dry_run: args.dry_run,
        author: args.author.as_deref(),
    };
    match ops::accept::accept(register_dir, &options) {
        Ok(Accepted::AlreadyHeld { scan }) => println!(
            "nothing to accept: the register already holds what scan {scan} found for the chosen gaps"
        ),
        Ok(Accepted::WouldChange { plan }) => {
            println!("would change {} file(s):", plan.files.len());
            print_changes(&plan);
        }
        Ok(Accepted::Committed {
            scan,
            commit,
            plan,
            warning,
        }) => {
            println!("accepted from scan {scan}; committed {commit}:");
            print_changes(&plan);
            if let Some(warning) = warning {
                eprintln!("warning: {warning}");
            }
        }
        Ok(Accepted::NothingToCommit) => {
            println!("nothing to accept: the register is as in the last commit")
        }
        Err(err) => return Ok(super::fail(err)),
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn print_changes(plan: &Plan) {
    for change in &plan.changes {
        println!("  {change}");
    }
}
