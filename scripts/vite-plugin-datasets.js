// placeholder replaced below
export function datasetsPlugin() {
	return { name: 'utfall-datasets' };
}
