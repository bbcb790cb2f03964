import type { Argument, Command, HelpConfiguration, Option } from 'commander';
import { catalogs, say } from '../messages/catalog.js';
import type { MessageKey } from '../messages/catalog.js';
import type { Language } from '../messages/languages.js';

const titles: Readonly<Record<string, MessageKey>> = {
  'Usage:': 'cli.help.title.usage',
  'Options:': 'cli.help.title.options',
  'Arguments:': 'cli.help.title.arguments',
  'Commands:': 'cli.help.title.commands',
  'Global Options:': 'cli.help.title.globalOptions',
};

/** The help message keys by their English text. */
const helpKeyOf = new Map(Object.entries(catalogs.en).flatMap(([key, english]) => (key.startsWith('cli.help.') ? [[english, key as MessageKey] as const] : [])));

/**
 * --help in the CLI's language: every description is a catalog message named
 * after its command, option or argument (cli.help.command.<name>, ...), read
 * when the help is written, so `--lang sv --help` is Swedish.
 */
export function localizedHelp(language: () => Language): HelpConfiguration {
  const text = (key: string, english: string): string => {
    const named = Object.hasOwn(catalogs.en, key) ? (key as MessageKey) : undefined;
    // Two commands may give one name different words (publish's <version> is a draft, new's a new version): the English text names the key then.
    const chosen = named && catalogs.en[named] === english ? named : (helpKeyOf.get(english) ?? named);
    return chosen ? say(language(), chosen) : english;
  };
  const withExtras = (description: string, choices: readonly string[] | undefined, defaultValue: string | undefined): string => {
    const extras = [
      ...(choices ? [say(language(), 'cli.help.choices', { values: choices.map((choice) => JSON.stringify(choice)).join(', ') })] : []),
      ...(defaultValue === undefined ? [] : [say(language(), 'cli.help.default', { value: defaultValue })]),
    ];
    return extras.length === 0 ? description : `${description} (${extras.join(', ')})`.trimStart();
  };
  const describeCommand = (command: Command): string => text(`cli.help.command.${command.name()}`, command.description());
  return {
    styleTitle: (title) => (titles[title] ? say(language(), titles[title]) : title),
    commandDescription: describeCommand,
    subcommandDescription: describeCommand,
    optionDescription: (option: Option) => {
      const shown = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      return withExtras(text(`cli.help.option.${option.attributeName()}`, option.description), option.argChoices, shown ? (option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) : undefined);
    },
    argumentDescription: (argument: Argument) =>
      withExtras(text(`cli.help.argument.${argument.name()}`, argument.description), argument.argChoices, argument.defaultValue === undefined ? undefined : (argument.defaultValueDescription ?? JSON.stringify(argument.defaultValue))),
  };
}
