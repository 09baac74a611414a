/** The server database's tables as Kysely sees them. Later issues add their tables here and in migrations. */
export interface AppMetaTable {
	key: string;
	value: string;
}

export interface ServerSchema {
	app_meta: AppMetaTable;
}
